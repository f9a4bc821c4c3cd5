package dev.arbiter.api.exercise;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.Db;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class ExerciseResourceTest {

  @Test
  void instructorCreatesExerciseWithDefaultLimits() {
    var c = ApiClient.course();

    String id = c.instructor().request()
        .body(Map.of("slug", "sum", "title", "Sum two numbers", "language", "python3"))
        .post("/api/v1/courses/{c}/exercises", c.id())
        .then().statusCode(201).header("Location", containsString("/api/v1/exercises/"))
        .extract().path("id");

    c.alice().request().get("/api/v1/exercises/{e}", id).then().statusCode(200)
        .body("slug", equalTo("sum")).body("courseId", equalTo(c.id()))
        .body("limits.timeSeconds", equalTo(5)).body("limits.memoryMb", equalTo(200))
        .body("limits.outputKb", equalTo(64)).body("limits.diskMb", equalTo(64))
        .body("limits.maxProcesses", equalTo(64)).body("suiteVersion", nullValue());
  }

  @Test
  void limitsAboveTheMaximaAreCapped() {
    var c = ApiClient.course();

    String id = c.instructor().request()
        .body(Map.of("slug", "big", "title", "Big", "language", "python3",
            "limits", Map.of("timeSeconds", 3600, "memoryMb", 100000, "outputKb", 1,
                "diskMb", 10, "maxProcesses", 9999)))
        .post("/api/v1/courses/{c}/exercises", c.id()).then().statusCode(201)
        .extract().path("id");

    c.ta().request().get("/api/v1/exercises/{e}", id).then().statusCode(200)
        .body("limits.timeSeconds", equalTo(30)).body("limits.memoryMb", equalTo(1024))
        .body("limits.outputKb", equalTo(1)).body("limits.diskMb", equalTo(10))
        .body("limits.maxProcesses", equalTo(256));
  }

  @Test
  void studentCannotCreateExercises() {
    var c = ApiClient.course();

    c.alice().request().body(Map.of("slug", "x", "title", "X", "language", "python3"))
        .post("/api/v1/courses/{c}/exercises", c.id())
        .then().statusCode(403).contentType("application/problem+json");
    c.ta().request().body(Map.of("slug", "x", "title", "X", "language", "python3"))
        .post("/api/v1/courses/{c}/exercises", c.id()).then().statusCode(403);
  }

  @Test
  void nonMemberSeesExerciseAs404() {
    var ex = ApiClient.exercise();
    var stranger = ApiClient.createUser("stranger");

    stranger.request().get("/api/v1/exercises/{e}", ex.id()).then().statusCode(404)
        .contentType("application/problem+json");
    stranger.request().get("/api/v1/courses/{c}/exercises", ex.course().id())
        .then().statusCode(404);
  }

  @Test
  void slugTakenInTheCourseIs409ButFreeInAnother() {
    var c = ApiClient.course();
    var other = ApiClient.course();
    ApiClient.createExercise(c.instructor(), c.id(), "dup");

    c.instructor().request().body(Map.of("slug", "dup", "title", "Again", "language", "python3"))
        .post("/api/v1/courses/{c}/exercises", c.id())
        .then().statusCode(409).contentType("application/problem+json");
    ApiClient.createExercise(other.instructor(), other.id(), "dup");
  }

  @Test
  void badExerciseRequestsAre400AndWriteNothing() {
    var c = ApiClient.course();
    long before = Db.count("exercises");

    for (Map<String, Object> body : new Map[] {
        Map.of("slug", "Upper", "title", "t", "language", "python3"),
        Map.of("slug", "a".repeat(61), "title", "t", "language", "python3"),
        Map.of("slug", "ok", "title", " ", "language", "python3"),
        Map.of("slug", "ok", "title", "t", "language", "cobol"),
        Map.of("slug", "ok", "title", "t", "language", "python3",
            "limits", Map.of("timeSeconds", 0)),
        Map.of("slug", "ok", "title", "t", "language", "python3",
            "limits", Map.of("memoryMb", "lots"))}) {
      c.instructor().request().body(body).post("/api/v1/courses/{c}/exercises", c.id())
          .then().statusCode(400).contentType("application/problem+json")
          .body("status", equalTo(400));
    }

    assertEquals(before, Db.count("exercises"));
  }

  @Test
  void membersListTheCoursesExercises() {
    var c = ApiClient.course();
    ApiClient.createExercise(c.instructor(), c.id(), "one");
    ApiClient.createExercise(c.instructor(), c.id(), "two");

    c.bob().request().get("/api/v1/courses/{c}/exercises", c.id()).then().statusCode(200)
        .body("slug", org.hamcrest.Matchers.contains("one", "two"));
  }

  @Test
  void instructorChangesTitleAndLimitsButStudentCannot() {
    var ex = ApiClient.exercise();

    ex.course().instructor().request()
        .body(Map.of("title", "Renamed", "limits", Map.of("timeSeconds", 2)))
        .patch("/api/v1/exercises/{e}", ex.id()).then().statusCode(200)
        .body("title", equalTo("Renamed")).body("limits.timeSeconds", equalTo(2))
        .body("limits.memoryMb", equalTo(200));
    ex.course().alice().request().body(Map.of("title", "Mine"))
        .patch("/api/v1/exercises/{e}", ex.id()).then().statusCode(403);

    ex.course().alice().request().get("/api/v1/exercises/{e}", ex.id()).then()
        .body("title", equalTo("Renamed")).body("suiteVersion", equalTo(1));
  }
}
