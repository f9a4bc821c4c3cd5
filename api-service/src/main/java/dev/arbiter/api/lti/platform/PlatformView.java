package dev.arbiter.api.lti.platform;

import java.time.Instant;
import java.util.List;

/** A registered platform as administrators see it. */
public record PlatformView(
    String id,
    String issuer,
    String clientId,
    List<String> deploymentIds,
    String authLoginUrl,
    String authTokenUrl,
    String authTokenAudience,
    String jwksUrl,
    Instant createdAt) {

  public static PlatformView from(Platform p) {
    return new PlatformView(
        p.id.toString(),
        p.issuer,
        p.clientId,
        List.copyOf(p.deploymentIds),
        p.authLoginUrl,
        p.authTokenUrl,
        p.authTokenAudience,
        p.jwksUrl,
        p.createdAt);
  }
}
