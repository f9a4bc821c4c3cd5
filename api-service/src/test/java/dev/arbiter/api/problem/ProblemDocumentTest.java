package dev.arbiter.api.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class ProblemDocumentTest {

  @Test
  void unknownPathIs404Problem() {
    ApiClient.ADMIN.request().get("/api/v1/nothing-here").then().statusCode(404)
        .contentType("application/problem+json").body("status", equalTo(404));
  }

  @Test
  void wrongMethodIs405Problem() {
    ApiClient.ADMIN.request().delete("/api/v1/courses").then().statusCode(405)
        .contentType("application/problem+json");
  }

  @Test
  void unacceptableMediaTypeIs406Problem() {
    ApiClient.ADMIN.request().accept("application/xml").get("/api/v1/users/me")
        .then().statusCode(406).contentType("application/problem+json");
  }

  @Test
  void problemsNeverNameJavaTypes() {
    ApiClient.ADMIN.request().body("{\"title\": [1, 2]}").post("/api/v1/courses").then()
        .statusCode(400).contentType("application/problem+json")
        .body("type", startsWith("https://"))
        .body("detail", not(containsString("java"))).body("detail", not(containsString("`")));
  }

  @Test
  void openApiDocumentsTheApi() {
    given().accept("application/json").get("/q/openapi").then().statusCode(200)
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/exercises/{exerciseId}/submissions"))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/submissions/{submissionId}"));
  }

  @Test
  void readinessReportsDatabaseAndKafka() {
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
        .body("checks.name", org.hamcrest.Matchers.hasItems(
            // BrokerCheck reports the broker without taking the API out of service (docs/operations.md).
            "Database connections health check", "kafka"));
  }

  @Test
  void prometheusMetricsIncludeTheOutboxBacklog() {
    given().get("/q/metrics").then().statusCode(200)
        .body(containsString("arbiter_outbox_backlog"));
  }
}
