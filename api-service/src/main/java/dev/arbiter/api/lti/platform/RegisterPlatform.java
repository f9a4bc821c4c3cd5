package dev.arbiter.api.lti.platform;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /api/v1/lti/platforms}: the values the LMS shows after Arbiter is added as a tool.
 *
 * @param issuer the LMS's base URL, no trailing slash (the id_token's {@code iss})
 * @param clientId chosen by the LMS
 * @param deploymentIds the LMS's id(s) of the installed tool
 * @param authLoginUrl OIDC authentication request URL
 * @param authTokenUrl OAuth 2 token URL (AGS, NRPS)
 * @param jwksUrl the LMS's public keyset URL
 * @param authTokenAudience optional {@code aud} for client assertions; defaults to the token URL
 */
public record RegisterPlatform(
    @NotBlank @Size(max = 2000) String issuer,
    @NotBlank @Size(max = 255) String clientId,
    @NotEmpty List<@NotBlank @Size(max = 255) String> deploymentIds,
    @NotBlank @Size(max = 2000) String authLoginUrl,
    @NotBlank @Size(max = 2000) String authTokenUrl,
    @NotBlank @Size(max = 2000) String jwksUrl,
    @Size(max = 2000) String authTokenAudience) {}
