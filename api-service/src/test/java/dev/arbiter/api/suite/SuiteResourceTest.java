package dev.arbiter.api.suite;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.Db;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class SuiteResourceTest {

  private static Map<String, Object> io(String name) {
    return Map.of("name", name, "kind", "io", "stdin", "", "expectedStdout", "x\n");
  }

  @Test
  void eachPutMakesTheNextImmutableVersion() {
    var c = ApiClient.course();
    String id = ApiClient.createExercise(c.instructor(), c.id(), "v");

    assertEquals(1, ApiClient.putSuite(c.instructor(), id, ApiClient.SUM_SUITE));
    assertEquals(2, ApiClient.putSuite(c.instructor(), id,
        Map.of("entrypoint", "main.py", "tests", List.of(io("only")))));

    c.alice().request().get("/api/v1/exercises/{e}", id).then().body("suiteVersion", equalTo(2));
    c.ta().request().get("/api/v1/exercises/{e}/suite/versions", id).then().statusCode(200)
        .body("version", contains(2, 1)).body("tests", contains(1, 2));
    c.instructor().request().get("/api/v1/exercises/{e}/suite/versions/1", id).then()
        .statusCode(200).body("tests[1].expected", equalTo(-5));
  }

  @Test
  void concurrentPutsGetDistinctConsecutiveVersions() {
    var c = ApiClient.course();
    String id = ApiClient.createExercise(c.instructor(), c.id(), "race");

    List<Integer> versions = IntStream.range(0, 6)
        .mapToObj(i -> CompletableFuture.supplyAsync(
            () -> ApiClient.putSuite(c.instructor(), id, ApiClient.SUM_SUITE)))
        .toList().stream().map(CompletableFuture::join).sorted().toList();

    assertEquals(List.of(1, 2, 3, 4, 5, 6), versions);
  }

  @Test
  void studentsAndTasCannotPutSuites() {
    var ex = ApiClient.exercise();

    ex.course().alice().request().body(ApiClient.SUM_SUITE)
        .put("/api/v1/exercises/{e}/suite", ex.id()).then().statusCode(403);
    ex.course().ta().request().body(ApiClient.SUM_SUITE)
        .put("/api/v1/exercises/{e}/suite", ex.id()).then().statusCode(403);
  }

  @Test
  void studentsSeeHiddenTestsOnlyByName() {
    var ex = ApiClient.exercise();

    ex.course().alice().request().get("/api/v1/exercises/{e}/suite", ex.id()).then()
        .statusCode(200)
        .body("tests[0].expectedStdout", equalTo("5\n"))
        .body("tests[1].name", equalTo("adds negatives"))
        .body("tests[1]", not(hasKey("expected"))).body("tests[1]", not(hasKey("args")))
        .body("tests[1]", not(hasKey("function")));
    ex.course().alice().request().get("/api/v1/exercises/{e}/suite/versions", ex.id())
        .then().statusCode(403);
  }

  @Test
  void invalidSuitesAre400AndWriteNoVersion() {
    var c = ApiClient.course();
    String id = ApiClient.createExercise(c.instructor(), c.id(), "bad");
    Map<String, Object> call = Map.of("name", "c", "kind", "call", "module", "main",
        "function", "f", "args", List.of(), "expected", 1);
    List<Map<String, Object>> bad = List.of(
        Map.of("entrypoint", "main.py", "tests", List.of()),
        Map.of("entrypoint", "../main.py", "tests", List.of(io("a"))),
        Map.of("entrypoint", "/etc/passwd", "tests", List.of(io("a"))),
        Map.of("entrypoint", "main.py", "tests", List.of(io("a"), io("a"))),
        Map.of("entrypoint", "main.py", "tests", List.of(io(" "))),
        Map.of("entrypoint", "main.py", "tests", List.of(with(io("a"), "kind", "shell"))),
        Map.of("entrypoint", "main.py", "tests", List.of(with(io("a"), "comparator", "regex"))),
        Map.of("entrypoint", "main.py", "tests", List.of(with(io("a"), "points", -1))),
        Map.of("entrypoint", "main.py", "tests", List.of(with(io("a"), "stdin", "a\u0000b"))),
        Map.of("entrypoint", "main.py", "tests", List.of(without(io("a"), "expectedStdout"))),
        Map.of("entrypoint", "main.py", "tests", List.of(with(call, "args", Map.of()))),
        Map.of("entrypoint", "main.py", "tests", List.of(without(call, "args"))),
        Map.of("entrypoint", "main.py", "tests", List.of(without(call, "expected"))),
        Map.of("entrypoint", "main.py", "tests", List.of(with(call, "module", "os; rm"))),
        Map.of("entrypoint", "main.py", "tests", List.of(with(call, "function", ""))));
    long before = Db.count("suite_versions");

    for (Map<String, Object> suite : bad) {
      c.instructor().request().body(suite).put("/api/v1/exercises/{e}/suite", id)
          .then().statusCode(400).contentType("application/problem+json");
    }

    assertEquals(before, Db.count("suite_versions"));
    c.instructor().request().get("/api/v1/exercises/{e}", id).then()
        .body("suiteVersion", equalTo(null));
  }

  @Test
  void infinitePointsAre400() {
    var c = ApiClient.course();
    String id = ApiClient.createExercise(c.instructor(), c.id(), "inf");

    c.instructor().request().body("{\"entrypoint\": \"main.py\", \"tests\": [{\"name\": \"a\","
            + " \"kind\": \"io\", \"expectedStdout\": \"\", \"points\": 1e999}]}")
        .put("/api/v1/exercises/{e}/suite", id)
        .then().statusCode(400).contentType("application/problem+json");
  }

  @Test
  void callTestMayExpectJsonNull() {
    var c = ApiClient.course();
    String id = ApiClient.createExercise(c.instructor(), c.id(), "none");
    var test = new HashMap<String, Object>(Map.of("name", "returns None", "kind", "call",
        "module", "main", "function", "f", "args", List.of()));
    test.put("expected", null);

    c.instructor().request().body(Map.of("entrypoint", "main.py", "tests", List.of(test)))
        .put("/api/v1/exercises/{e}/suite", id).then().statusCode(201);

    c.instructor().request().get("/api/v1/exercises/{e}/suite", id).then()
        .body("tests[0]", org.hamcrest.Matchers.hasKey("expected"))
        .body("tests[0].expected", equalTo(null));
  }

  @Test
  void suiteOverTheSizeLimitIs413() {
    var c = ApiClient.course();
    String id = ApiClient.createExercise(c.instructor(), c.id(), "huge");

    c.instructor().request()
        .body(Map.of("entrypoint", "main.py", "tests",
            List.of(with(io("a"), "expectedStdout", "x".repeat(4 * 1024 * 1024 + 1)))))
        .put("/api/v1/exercises/{e}/suite", id)
        .then().statusCode(413).contentType("application/problem+json");
  }

  private static Map<String, Object> with(Map<String, Object> m, String key, Object value) {
    var copy = new HashMap<>(m);
    copy.put(key, value);
    return copy;
  }

  private static Map<String, Object> without(Map<String, Object> m, String key) {
    var copy = new HashMap<>(m);
    copy.remove(key);
    return copy;
  }
}
