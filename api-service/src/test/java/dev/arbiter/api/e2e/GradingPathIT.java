package dev.arbiter.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The walking skeleton end to end, black box: HTTP into the packaged api-service, PostgreSQL,
 * the outbox, real Kafka, a packaged worker-service, a real runc sandbox, the judge, and the
 * graded result back over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradingPathIT {

  private static final Duration GRADED_WITHIN = Duration.ofSeconds(90);
  private static final String CORRECT =
      "def add(a, b):\n    return a + b\n\n"
          + "if __name__ == '__main__':\n    print(add(*map(int, input().split())))\n";

  private ArbiterProcesses system;
  private HttpApi api;
  private String admin;
  private String instructor;
  private String alice;
  private String bob;
  private String exercise;
  private String limitsExercise;

  @BeforeAll
  void startEverything() throws Exception {
    system = new ArbiterProcesses();
    system.startWorker(1);
    api = new HttpApi(system.startApi());
    admin = system.bootstrapToken;
    String course = api.expect(201, "POST", "/api/v1/courses", admin, Map.of("title", "CS1 " + system.run))
        .get("id").asText();
    instructor = member(course, "INSTRUCTOR");
    alice = member(course, "STUDENT");
    bob = member(course, "STUDENT");
    exercise = api.expect(201, "POST", "/api/v1/courses/" + course + "/exercises", instructor,
        Map.of("slug", "sum", "title", "Sum two numbers", "language", "python3",
            "limits", Map.of("timeSeconds", 2, "memoryMb", 128, "outputKb", 64, "diskMb", 16)))
        .get("id").asText();
    api.expect(201, "PUT", "/api/v1/exercises/" + exercise + "/suite", instructor, Map.of(
        "entrypoint", "main.py",
        "tests", List.of(
            Map.of("name", "adds small numbers", "kind", "io", "stdin", "2 3\n",
                "expectedStdout", "5\n", "comparator", "exact", "points", 1, "visibility", "visible"),
            Map.of("name", "adds big numbers", "kind", "io", "stdin", "1000000 2345\n",
                "expectedStdout", "1002345", "comparator", "trim", "points", 1, "visibility", "hidden"),
            Map.of("name", "adds negatives", "kind", "call", "module", "main", "function", "add",
                "args", List.of(-2, -3), "expected", -5, "points", 1, "visibility", "hidden"))));
    limitsExercise = api.expect(201, "POST", "/api/v1/courses/" + course + "/exercises", instructor,
        Map.of("slug", "limits", "title", "Limits", "language", "python3",
            "limits", Map.of("timeSeconds", 2, "memoryMb", 100, "outputKb", 16, "diskMb", 8)))
        .get("id").asText();
    api.expect(201, "PUT", "/api/v1/exercises/" + limitsExercise + "/suite", instructor, Map.of(
        "entrypoint", "main.py",
        "tests", List.of(Map.of("name", "runs", "kind", "io", "stdin", "", "expectedStdout", "ok\n",
            "points", 1, "visibility", "visible"))));
  }

  @AfterAll
  void stopEverything() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  private String member(String course, String role) throws Exception {
    String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
    JsonNode user = api.expect(201, "POST", "/api/v1/users", admin,
        Map.of("name", name, "email", name + "@example.org"));
    api.expect(200, "PUT", "/api/v1/courses/" + course + "/members/" + user.get("id").asText(), admin,
        Map.of("role", role));
    return user.get("token").asText();
  }

  private JsonNode submitAndWait(String exerciseId, String token, String mainPy) throws Exception {
    JsonNode accepted = api.expect(202, "POST", "/api/v1/exercises/" + exerciseId + "/submissions",
        token, Map.of("files", Map.of("main.py", mainPy)));
    assertEquals("QUEUED", accepted.get("status").asText());
    return api.awaitFinal(accepted.get("id").asText(), token, GRADED_WITHIN);
  }

  private static List<String> statuses(JsonNode view) {
    List<String> s = new ArrayList<>();
    view.get("tests").forEach(t -> s.add(t.get("status").asText()));
    return s;
  }

  @Test
  void correctSubmissionGetsFullScore() throws Exception {
    JsonNode view = submitAndWait(exercise, alice, CORRECT);

    assertEquals("GRADED", view.get("status").asText());
    assertEquals(List.of("PASSED", "PASSED", "PASSED"), statuses(view));
    assertEquals(3.0, view.get("score").asDouble());
    assertEquals(3.0, view.get("maxScore").asDouble());
    assertNotNull(view.get("gradedAt"));
  }

  @Test
  void oneRequestCanWaitForTheGrade() throws Exception {
    JsonNode accepted = api.expect(202, "POST", "/api/v1/exercises/" + exercise + "/submissions",
        alice, Map.of("files", Map.of("main.py", CORRECT)));
    String path = "/api/v1/submissions/" + accepted.get("id").asText();

    JsonNode view = api.expect(200, "GET", path + "?waitSeconds=30", alice, null);

    assertEquals("GRADED", view.get("status").asText(), view.toString());
    assertEquals(3.0, view.get("score").asDouble());
    // Waiting is no way around access rules, and it is bounded.
    api.expect(404, "GET", path + "?waitSeconds=5", bob, null);
    api.expect(400, "GET", path + "?waitSeconds=31", alice, null);
  }

  @Test
  void wrongAnswerFailsAndHiddenTestsShowNoOutputToTheStudent() throws Exception {
    JsonNode view = submitAndWait(exercise, alice,
        "def add(a, b):\n    return a - b\n\nif __name__ == '__main__':\n"
            + "    print('SECRET-OUT', add(*map(int, input().split())))\n");

    assertEquals(List.of("FAILED", "FAILED", "FAILED"), statuses(view));
    assertEquals(0.0, view.get("score").asDouble());
    JsonNode visible = view.get("tests").get(0);
    assertTrue(visible.path("output").asText().contains("SECRET-OUT"), visible.toString());
    for (int i = 1; i < 3; i++) {
      JsonNode hidden = view.get("tests").get(i);
      assertFalse(hidden.toString().contains("SECRET-OUT"), hidden.toString());
      assertFalse(hidden.toString().contains("1002345"), hidden.toString());
      assertFalse(hidden.has("output") && !hidden.get("output").isNull(), hidden.toString());
    }
  }

  @Test
  void limitsBecomeTheirContractStatuses() throws Exception {
    Map<String, String> programs = Map.of(
        "while True: pass\n", "TIME_LIMIT",
        "x = bytearray(1 << 30)\nprint('ok')\n", "MEMORY_LIMIT",
        "print('x' * (1 << 20))\n", "OUTPUT_LIMIT",
        // Right output, then an exception: the program ended early (CONTRACT.md: RUNTIME_ERROR;
        // an io test that crashes with wrong output is FAILED).
        "print('ok')\nraise RuntimeError('boom')\n", "RUNTIME_ERROR",
        "print('ok')\n", "PASSED");
    for (Map.Entry<String, String> p : programs.entrySet()) {
      JsonNode view = submitAndWait(limitsExercise, bob, p.getKey());
      assertEquals("GRADED", view.get("status").asText(), p.getKey());
      assertEquals(List.of(p.getValue()), statuses(view), p.getKey());
    }
  }

  @Test
  void studentCannotReadAnotherStudentsSubmissionNorCreateExercises() throws Exception {
    JsonNode accepted = api.expect(202, "POST", "/api/v1/exercises/" + exercise + "/submissions",
        alice, Map.of("files", Map.of("main.py", CORRECT)));

    assertEquals(404, api.call("GET", "/api/v1/submissions/" + accepted.get("id").asText(), bob, null).status());
    assertEquals(200, api.call("GET", "/api/v1/submissions/" + accepted.get("id").asText(), instructor, null).status());
    JsonNode exerciseView = api.expect(200, "GET", "/api/v1/exercises/" + exercise, bob, null);
    String course = exerciseView.path("courseId").asText();
    HttpApi.Reply create = api.call("POST", "/api/v1/courses/" + course + "/exercises", bob,
        Map.of("slug", "mine", "title", "Mine", "language", "python3"));
    assertEquals(403, create.status());
    assertTrue(create.header("Content-Type").startsWith("application/problem+json"));
  }

  @Test
  void sameIdempotencyKeyReturnsTheSameSubmission() throws Exception {
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = Map.of("files", Map.of("main.py", CORRECT));
    HttpApi.Reply first = api.call("POST", "/api/v1/exercises/" + exercise + "/submissions", alice, body,
        Map.of("Idempotency-Key", key));
    HttpApi.Reply again = api.call("POST", "/api/v1/exercises/" + exercise + "/submissions", alice, body,
        Map.of("Idempotency-Key", key));

    assertEquals(202, first.status());
    assertEquals(202, again.status());
    assertEquals(first.body().get("id"), again.body().get("id"));
    try (var c = system.connect();
        ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM submissions WHERE id::text = '"
            + first.body().get("id").asText() + "'")) {
      rs.next();
      assertEquals(1, rs.getInt(1));
    }
  }

  @Test
  void submissionsAcceptedWhileKafkaIsDownAreGradedAfterItReturns() throws Exception {
    system.stopKafka();
    String id;
    try {
      JsonNode accepted = api.expect(202, "POST", "/api/v1/exercises/" + exercise + "/submissions",
          alice, Map.of("files", Map.of("main.py", CORRECT)));
      id = accepted.get("id").asText();
      assertEquals("QUEUED", api.expect(200, "GET", "/api/v1/submissions/" + id, alice, null)
          .get("status").asText());
    } finally {
      system.startKafka();
    }
    JsonNode view = api.awaitFinal(id, alice, Duration.ofSeconds(180));

    assertEquals("GRADED", view.get("status").asText());
    assertEquals(3.0, view.get("score").asDouble());
  }
}
