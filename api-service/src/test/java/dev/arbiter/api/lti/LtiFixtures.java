package dev.arbiter.api.lti;

import static org.hamcrest.Matchers.notNullValue;

import dev.arbiter.api.testing.ApiClient;
import java.util.List;

/** LTI set-up through the public API, shared by the LTI tests. */
public final class LtiFixtures {

  private LtiFixtures() {}

  /** Registers the test platform as an administrator would, once per app run; returns its id. */
  public static synchronized String register(TestLtiPlatform platform) {
    List<String> ids =
        ApiClient.ADMIN.request()
            .get("/api/v1/lti/platforms")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("findAll { it.issuer == '" + platform.issuer() + "' }.id");
    if (!ids.isEmpty()) {
      return ids.get(0);
    }
    return ApiClient.ADMIN.request()
        .body(platform.registration())
        .post("/api/v1/lti/platforms")
        .then()
        .statusCode(201)
        .body("id", notNullValue())
        .extract()
        .path("id");
  }
}
