package dev.arbiter.api.web.view;

import java.util.Arrays;
import java.util.List;

/**
 * The register-an-LMS form as typed, so a rejected form comes back with the administrator's input.
 *
 * @param deploymentIds one or more deployment ids, separated by commas, spaces or new lines
 */
public record PlatformForm(
    String issuer,
    String clientId,
    String deploymentIds,
    String authLoginUrl,
    String authTokenUrl,
    String jwksUrl,
    String authTokenAudience) {

  public static PlatformForm blank() {
    return new PlatformForm("", "", "", "", "", "", "");
  }

  public List<String> deploymentIdList() {
    if (deploymentIds == null || deploymentIds.isBlank()) {
      return List.of();
    }
    return Arrays.stream(deploymentIds.strip().split("[,\\s]+")).toList();
  }
}
