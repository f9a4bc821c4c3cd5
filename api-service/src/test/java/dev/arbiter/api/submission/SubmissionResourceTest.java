package dev.arbiter.api.submission;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.Db;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import dev.arbiter.api.testing.RawHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class SubmissionResourceTest {

  @Test
  void studentSubmitsAndReadsTheQueuedSubmission() {
    var ex = ApiClient.exercise();

    String id = ex.course().alice().request().body(Map.of("files", ApiClient.SUM_SOLUTION))
        .post("/api/v1/exercises/{e}/submissions", ex.id())
        .then().statusCode(202).header("Location", containsString("/api/v1/submissions/"))
        .body("status", equalTo("QUEUED")).extract().path("id");

    ex.course().alice().request().get("/api/v1/submissions/{s}", id).then().statusCode(200)
        .body("id", equalTo(id)).body("exerciseId", equalTo(ex.id()))
        .body("suiteVersion", equalTo(1)).body("status", equalTo("QUEUED"))
        .body("maxScore", equalTo(2.0f)).body("receivedAt", containsString("Z"))
        .body("tests.name", contains("adds small numbers", "adds negatives"))
        .body("tests[1].maxScore", equalTo(1.0f)).body("tests[1].input", nullValue())
        .body("tests[0].input", equalTo("2 3\n"))
        .body("files.'main.py'", containsString("def add"));
  }

  @Test
  void studentCannotReadAnotherStudentsSubmission() {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);

    ex.course().bob().request().get("/api/v1/submissions/{s}", id).then().statusCode(404)
        .contentType("application/problem+json");
    ApiClient.createUser("stranger").request().get("/api/v1/submissions/{s}", id).then()
        .statusCode(404);
  }

  @Test
  void waitingForAnUnfinishedSubmissionEndsAfterTheGivenSecondsWithItsCurrentState() {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);

    long started = System.nanoTime();
    ex.course().alice().request().queryParam("waitSeconds", 1).get("/api/v1/submissions/{s}", id)
        .then().statusCode(200).body("status", equalTo("QUEUED"));
    // No worker runs in these tests: the answer came only once the wait was over.
    assertTrue(System.nanoTime() - started >= 900_000_000L);

    ex.course().alice().request().queryParam("waitSeconds", -1).get("/api/v1/submissions/{s}", id)
        .then().statusCode(400).contentType("application/problem+json");
  }

  @Test
  void taReadsEverySubmissionOfTheCourse() {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);
    ApiClient.submit(ex.course().bob(), ex.id(), ApiClient.SUM_SOLUTION);

    ex.course().ta().request().get("/api/v1/submissions/{s}", id).then().statusCode(200)
        .body("tests[1].expected", equalTo(-5)).body("attempts", equalTo(0));
    ex.course().ta().request().queryParam("all", true)
        .get("/api/v1/exercises/{e}/submissions", ex.id()).then().statusCode(200)
        .body("$", hasSize(2));
  }

  @Test
  void studentListsOnlyTheirOwnSubmissions() {
    var ex = ApiClient.exercise();
    String mine = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);
    ApiClient.submit(ex.course().bob(), ex.id(), ApiClient.SUM_SOLUTION);

    ex.course().alice().request().get("/api/v1/exercises/{e}/submissions", ex.id()).then()
        .statusCode(200).body("id", contains(mine));
    ex.course().alice().request().queryParam("all", true)
        .get("/api/v1/exercises/{e}/submissions", ex.id()).then().statusCode(403);
  }

  @Test
  void nonMemberCannotSubmit() {
    var ex = ApiClient.exercise();
    long before = Db.count("submissions");

    ApiClient.createUser("stranger").request().body(Map.of("files", ApiClient.SUM_SOLUTION))
        .post("/api/v1/exercises/{e}/submissions", ex.id()).then().statusCode(404);

    assertEquals(before, Db.count("submissions"));
  }

  @Test
  void exerciseWithoutSuiteIs409() {
    var c = ApiClient.course();
    String id = ApiClient.createExercise(c.instructor(), c.id(), "nosuite");

    c.alice().request().body(Map.of("files", ApiClient.SUM_SOLUTION))
        .post("/api/v1/exercises/{e}/submissions", id)
        .then().statusCode(409).contentType("application/problem+json");
  }

  @Test
  void sameIdempotencyKeyReturnsTheSameSubmission() {
    var ex = ApiClient.exercise();
    String key = UUID.randomUUID().toString();

    String first = ex.course().alice().request().header("Idempotency-Key", key)
        .body(Map.of("files", ApiClient.SUM_SOLUTION))
        .post("/api/v1/exercises/{e}/submissions", ex.id())
        .then().statusCode(202).extract().path("id");
    String second = ex.course().alice().request().header("Idempotency-Key", key)
        .body(Map.of("files", ApiClient.SUM_SOLUTION))
        .post("/api/v1/exercises/{e}/submissions", ex.id())
        .then().statusCode(202).extract().path("id");

    assertEquals(first, second);
    assertEquals(1, Db.query("SELECT count(*) FROM submissions WHERE idempotency_key = ?", key));
    assertEquals(1, Db.query("SELECT count(*) FROM outbox_events WHERE aggregate_id = ?", first));
  }

  @Test
  void concurrentRetriesWithOneKeyMakeOneSubmission() {
    var ex = ApiClient.exercise();
    String key = UUID.randomUUID().toString();

    List<String> ids = IntStream.range(0, 8)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> ex.course().bob().request()
            .header("Idempotency-Key", key).body(Map.of("files", ApiClient.SUM_SOLUTION))
            .post("/api/v1/exercises/{e}/submissions", ex.id())
            .then().statusCode(202).extract().<String>path("id")))
        .toList().stream().map(CompletableFuture::join).distinct().toList();

    assertEquals(1, ids.size());
    assertEquals(1, Db.query("SELECT count(*) FROM submissions WHERE idempotency_key = ?", key));
    assertEquals(1, Db.query("SELECT count(*) FROM outbox_events WHERE aggregate_id = ?",
        ids.get(0)));
  }

  @Test
  void sameKeyByAnotherUserIsAnotherSubmission() {
    var ex = ApiClient.exercise();
    String key = UUID.randomUUID().toString();

    String a = ex.course().alice().request().header("Idempotency-Key", key)
        .body(Map.of("files", ApiClient.SUM_SOLUTION))
        .post("/api/v1/exercises/{e}/submissions", ex.id()).then().statusCode(202)
        .extract().path("id");
    ex.course().bob().request().header("Idempotency-Key", key)
        .body(Map.of("files", ApiClient.SUM_SOLUTION))
        .post("/api/v1/exercises/{e}/submissions", ex.id()).then().statusCode(202)
        .body("id", not(equalTo(a)));
  }

  @Test
  void badFileSetsAre400AndWriteNothing() {
    var ex = ApiClient.exercise();
    List<Map<String, Object>> bad = List.of(
        Map.of("files", Map.of()),
        Map.of(),
        Map.of("files", Map.of("../main.py", "x", "main.py", "x")),
        Map.of("files", Map.of("/etc/main.py", "x", "main.py", "x")),
        Map.of("files", Map.of("a/../../b", "x", "main.py", "x")),
        Map.of("files", Map.of("main.py", "x", "a b.py", "x")),
        Map.of("files", Map.of("main.py", "x", "nul\u0000.py", "x")),
        Map.of("files", Map.of("main.py", "x", "./x.py", "x")),
        Map.of("files", Map.of("main.py", "a\u0000b")),
        Map.of("files", Map.of("main.py", "x", "pkg", "x", "pkg/mod.py", "y")),
        Map.of("files", Map.of("helper.py", "def add(a, b): return a + b\n")),
        Map.of("files", List.of("main.py")));
    long submissions = Db.count("submissions");
    long outbox = Db.count("outbox_events");

    for (Map<String, Object> body : bad) {
      ex.course().alice().request().body(body).post("/api/v1/exercises/{e}/submissions", ex.id())
          .then().statusCode(400).contentType("application/problem+json")
          .body("status", equalTo(400)).body("detail", not(containsString("java.")));
    }

    assertEquals(submissions, Db.count("submissions"));
    assertEquals(outbox, Db.count("outbox_events"));
  }

  @Test
  void duplicateJsonKeysAre400() {
    var ex = ApiClient.exercise();
    long before = Db.count("submissions");

    ex.course().alice().request()
        .body("{\"files\": {\"main.py\": \"print(1)\", \"main.py\": \"print(2)\"}}")
        .post("/api/v1/exercises/{e}/submissions", ex.id())
        .then().statusCode(400).contentType("application/problem+json")
        .body("detail", containsString("Duplicate"));

    assertEquals(before, Db.count("submissions"));
  }

  @Test
  void loneSurrogateIs400() {
    var ex = ApiClient.exercise();

    ex.course().alice().request().body("{\"files\": {\"main.py\": \"x = '\\ud800'\"}}")
        .post("/api/v1/exercises/{e}/submissions", ex.id())
        .then().statusCode(400).contentType("application/problem+json");
  }

  @Test
  void invalidUtf8BytesAre400() {
    var ex = ApiClient.exercise();
    byte[] body = "{\"files\": {\"main.py\": \"x\u00ff\"}}".getBytes(
        java.nio.charset.StandardCharsets.ISO_8859_1);

    ex.course().alice().request().body(body).post("/api/v1/exercises/{e}/submissions", ex.id())
        .then().statusCode(400).contentType("application/problem+json");
  }

  @Test
  void malformedJsonIs400() {
    var ex = ApiClient.exercise();

    ex.course().alice().request().body("{\"files\": {")
        .post("/api/v1/exercises/{e}/submissions", ex.id())
        .then().statusCode(400).contentType("application/problem+json")
        .body("title", equalTo("Malformed JSON"));
  }

  @Test
  void wrongContentTypeIs415() {
    var ex = ApiClient.exercise();

    ex.course().alice().request().contentType(ContentType.TEXT).body("print(1)")
        .post("/api/v1/exercises/{e}/submissions", ex.id())
        .then().statusCode(415).contentType("application/problem+json");
  }

  @Test
  void submissionOverTheSizeLimitIs413AndWritesNothing() {
    var ex = ApiClient.exercise();
    long before = Db.count("submissions");

    ex.course().alice().request()
        .body(Map.of("files", Map.of("main.py", "#" + "x".repeat(1024 * 1024))))
        .post("/api/v1/exercises/{e}/submissions", ex.id())
        .then().statusCode(413).contentType("application/problem+json");

    assertEquals(before, Db.count("submissions"));
  }

  @Test
  void bodyOverTheHttpLimitIs413ProblemJson() throws Exception {
    var ex = ApiClient.exercise();
    // Only the headers are sent: the service must refuse on the declared length alone, without
    // reading (or waiting for) 17 MiB.
    String response = RawHttp.exchange(io.restassured.RestAssured.port,
        "POST /api/v1/exercises/" + ex.id() + "/submissions HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\nAuthorization: Bearer " + ex.course().alice().token()
            + "\r\nContent-Type: application/json\r\nContent-Length: " + (17 * 1024 * 1024)
            + "\r\n\r\n");

    assertThat(response, startsWith("HTTP/1.1 413"));
    assertThat(response.toLowerCase(java.util.Locale.ROOT),
        containsString("content-type: application/problem+json"));
    assertThat(response, containsString("\"status\":413"));
  }

  @Test
  void overTheRateLimitIs429WithRetryAfter() {
    var ex = ApiClient.exercise();
    // The test profile allows 20 submissions per hour and user.
    for (int i = 0; i < 20; i++) {
      ApiClient.submit(ex.course().bob(), ex.id(), ApiClient.SUM_SOLUTION);
    }
    long before = Db.count("submissions");

    ex.course().bob().request().body(Map.of("files", ApiClient.SUM_SOLUTION))
        .post("/api/v1/exercises/{e}/submissions", ex.id())
        .then().statusCode(429).contentType("application/problem+json")
        .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));

    assertEquals(before, Db.count("submissions"));
    ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);
  }

  @Test
  void malformedIdsAre404() {
    ApiClient.exercise().course().alice().request().get("/api/v1/submissions/not-a-uuid")
        .then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void unauthenticatedSubmitIs401() {
    var ex = ApiClient.exercise();

    given().contentType(ContentType.JSON).body(Map.of("files", ApiClient.SUM_SOLUTION))
        .post("/api/v1/exercises/{e}/submissions", ex.id())
        .then().statusCode(401).contentType("application/problem+json");
  }
}
