package dev.arbiter.api.testing;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Waits for asynchronous effects; the limit only stops a hung test. */
public final class Await {

  private static final Duration HANG_LIMIT = Duration.ofSeconds(90);

  private Await() {}

  /** The submission as {@code reader} sees it once its status is {@code status}. */
  public static JsonPath submissionStatus(TestUser reader, String submissionId, String status) {
    Awaitility.await().atMost(HANG_LIMIT).pollInterval(Duration.ofMillis(50)).until(() ->
        status.equals(reader.request().get("/api/v1/submissions/{s}", submissionId)
            .then().statusCode(200).extract().path("status")));
    return reader.request().get("/api/v1/submissions/{s}", submissionId).then().extract()
        .jsonPath();
  }

  /** Until a query's count reaches {@code expected}. */
  public static void rows(long expected, String sql, Object... params) {
    Awaitility.await().atMost(HANG_LIMIT).pollInterval(Duration.ofMillis(50))
        .until(() -> Db.query(sql, params) == expected);
  }
}
