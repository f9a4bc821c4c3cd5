package dev.arbiter.api.lti.platform;

import dev.arbiter.api.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Registers LMSs and lists them. */
@ApplicationScoped
public class PlatformService {

  private final PlatformRepository platforms;
  private final PlatformKeySource keys;

  PlatformService(PlatformRepository platforms, PlatformKeySource keys) {
    this.platforms = platforms;
    this.keys = keys;
  }

  /**
   * @throws ProblemException 400 for an unusable URL or issuer, 409 when this issuer + client_id exists
   * @throws jakarta.validation.ConstraintViolationException for a blank or oversized field (checked
   *     here, not only by the REST resource, so every caller gets the same rules)
   */
  @Transactional
  public Platform register(@NotNull @Valid RegisterPlatform r) {
    // The id_token's iss is compared byte for byte; LMS issuers carry no trailing slash, and
    // silently trimming one would hide a registration that can never match.
    if (r.issuer().endsWith("/")) {
      throw ProblemException.invalid("issuer must not end with '/': use the LMS's base URL exactly as its id_tokens carry it");
    }
    requireHttpUrl("issuer", r.issuer());
    requireHttpUrl("authLoginUrl", r.authLoginUrl());
    requireHttpUrl("authTokenUrl", r.authTokenUrl());
    requireHttpUrl("jwksUrl", r.jwksUrl());
    if (platforms.findByIssuerAndClientId(r.issuer(), r.clientId()).isPresent()) {
      throw ProblemException.conflict("a platform with this issuer and clientId is already registered");
    }
    Platform p = new Platform();
    p.id = UUID.randomUUID();
    p.issuer = r.issuer();
    p.clientId = r.clientId();
    p.authLoginUrl = r.authLoginUrl();
    p.authTokenUrl = r.authTokenUrl();
    p.authTokenAudience = r.authTokenAudience() == null || r.authTokenAudience().isBlank() ? null : r.authTokenAudience();
    p.jwksUrl = r.jwksUrl();
    p.createdAt = Instant.now();
    p.deploymentIds.addAll(r.deploymentIds().stream().map(String::strip).toList());
    platforms.persist(p);
    keys.forget(p.id);
    Log.infof("LTI platform registered: %s client %s deployments %s", p.issuer, p.clientId, p.deploymentIds);
    return p;
  }

  @Transactional
  public Platform byId(UUID id) {
    return platforms.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("platform"));
  }

  @Transactional
  public List<Platform> list() {
    return platforms.list("order by createdAt");
  }

  private static void requireHttpUrl(String field, String value) {
    try {
      URI u = URI.create(value);
      if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid(field + " must be an absolute http(s) URL");
    }
  }
}
