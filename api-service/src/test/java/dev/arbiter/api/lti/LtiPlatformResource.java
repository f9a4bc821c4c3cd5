package dev.arbiter.api.lti;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Starts a {@link TestLtiPlatform} on 127.0.0.1 and points Arbiter's LTI base URL at the port the
 * app under test will listen on, so the platform can fetch the tool's real JWKS and the tool builds
 * redirect URIs the test can follow.
 */
public class LtiPlatformResource implements QuarkusTestResourceLifecycleManager {

  private TestLtiPlatform platform;

  @Override
  public Map<String, String> start() {
    int port = freePort();
    String base = "http://127.0.0.1:" + port;
    try {
      platform = new TestLtiPlatform(base + "/lti/jwks");
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the test LTI platform", e);
    }
    return Map.of(
        "quarkus.http.test-port", String.valueOf(port),
        "arbiter.lti.base-url", base,
        // Every test launch may be the first with a freshly rotated platform key.
        "arbiter.lti.platform-keys.unknown-kid-refetch-interval", "PT0S",
        "arbiter.lti.passback.poll-interval", "1s",
        "arbiter.lti.passback.initial-backoff", "PT0.2S",
        "arbiter.lti.passback.max-backoff", "PT1S");
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        platform, new TestInjector.AnnotatedAndMatchesType(InjectLtiPlatform.class, TestLtiPlatform.class));
  }

  @Override
  public void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
