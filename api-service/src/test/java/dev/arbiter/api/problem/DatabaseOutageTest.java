package dev.arbiter.api.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.Await;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.KafkaTopics;
import dev.arbiter.api.testing.PostgresResource;
import dev.arbiter.api.testing.Results;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service's own database connection is cut (through the test proxy; the shared PostgreSQL
 * keeps running for everyone else).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class DatabaseOutageTest {

  @Test
  void requestsDuringADatabaseOutageAre503WithRetryAfter() throws Exception {
    var ex = ApiClient.exercise();
    try {
      PostgresResource.cutDatabase();

      ex.course().alice().request().body(Map.of("files", ApiClient.SUM_SOLUTION))
          .post("/api/v1/exercises/{e}/submissions", ex.id())
          .then().statusCode(503).contentType("application/problem+json")
          .header("Retry-After", matchesPattern("[1-9][0-9]*"))
          .body("status", equalTo(503));
      given().get("/q/health/ready").then().statusCode(503);
    } finally {
      PostgresResource.restoreDatabase();
    }

    ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);
  }

  @Test
  void resultArrivingDuringAnOutageIsStoredAfterwards() throws Exception {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().bob(), ex.id(), ApiClient.SUM_SOLUTION);
    try {
      PostgresResource.cutDatabase();
      KafkaTopics.publishResult(Results.halfRight(id));
      // Give the consumer the record while the database is away: it must retry, not ack.
      Thread.sleep(2_000);
    } finally {
      PostgresResource.restoreDatabase();
    }

    var seen = Await.submissionStatus(ex.course().bob(), id, "GRADED");

    assertEquals(1.0f, seen.getFloat("score"));
  }
}
