package dev.arbiter.api.lti.launch;

import dev.arbiter.api.lti.TestLtiPlatform;
import dev.arbiter.api.lti.platform.PlatformService;
import dev.arbiter.api.lti.platform.RegisterPlatform;
import java.util.List;

/** Registers the test platform once per app start (temporary, until the admin API is wired). */
final class LtiTestPlatforms {

  private LtiTestPlatforms() {}

  static void ensureRegistered(PlatformService service, TestLtiPlatform p) {
    boolean exists =
        service.list().stream().anyMatch(x -> x.issuer.equals(p.issuer()) && x.clientId.equals(p.clientId()));
    if (!exists) {
      service.register(
          new RegisterPlatform(
              p.issuer(), p.clientId(), List.of(TestLtiPlatform.DEPLOYMENT_ID), p.authLoginUrl(),
              p.authTokenUrl(), p.jwksUrl(), null));
    }
  }
}
