package dev.arbiter.api.testing;

import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds test fixtures through the public API only (no repository shortcuts), so end-to-end and
 * page tests can reuse it: users, courses, members, exercises, suites and submissions.
 */
public final class ApiClient {

  /** The bootstrap administrator of this test run. */
  public static final TestUser ADMIN = new TestUser(
      "00000000-0000-0000-0000-000000000001", TestRun.BOOTSTRAP_TOKEN);

  /** A suite with one visible io test and one hidden call test, 1 point each. */
  public static final Map<String, Object> SUM_SUITE = Map.of(
      "entrypoint", "main.py",
      "tests", List.of(
          Map.of("name", "adds small numbers", "kind", "io", "stdin", "2 3\n",
              "expectedStdout", "5\n", "comparator", "exact", "points", 1,
              "visibility", "visible"),
          Map.of("name", "adds negatives", "kind", "call", "module", "main", "function", "add",
              "args", List.of(-2, -3), "expected", -5, "points", 1, "visibility", "hidden")));

  /** A correct solution of {@link #SUM_SUITE}. */
  public static final Map<String, String> SUM_SOLUTION = Map.of("main.py",
      "def add(a, b):\n    return a + b\n\nif __name__ == '__main__':\n"
          + "    print(add(*map(int, input().split())))\n");

  private ApiClient() {}

  public static TestUser createUser(String name) {
    var body = ADMIN.request()
        .body(Map.of("name", name, "email", name + "-" + UUID.randomUUID() + "@example.org"))
        .post("/api/v1/users").then().statusCode(201).extract().jsonPath();
    return new TestUser(body.getString("id"), body.getString("token"));
  }

  public static String createCourse(String title) {
    return ADMIN.request().body(Map.of("title", title)).post("/api/v1/courses")
        .then().statusCode(201).extract().path("id");
  }

  public static void addMember(TestUser by, String courseId, TestUser user, String role) {
    by.request().body(Map.of("role", role))
        .put("/api/v1/courses/{c}/members/{u}", courseId, user.id())
        .then().statusCode(200).body("role", equalTo(role));
  }

  public static String createExercise(TestUser instructor, String courseId, String slug) {
    return instructor.request()
        .body(Map.of("slug", slug, "title", "Exercise " + slug, "language", "python3"))
        .post("/api/v1/courses/{c}/exercises", courseId)
        .then().statusCode(201).extract().path("id");
  }

  public static int putSuite(TestUser instructor, String exerciseId, Object suite) {
    return instructor.request().body(suite).put("/api/v1/exercises/{e}/suite", exerciseId)
        .then().statusCode(201).extract().path("version");
  }

  public static String submit(TestUser author, String exerciseId, Map<String, String> files) {
    return author.request().body(Map.of("files", files))
        .post("/api/v1/exercises/{e}/submissions", exerciseId)
        .then().statusCode(202).body("status", equalTo("QUEUED")).extract().path("id");
  }

  /** A fresh course with an instructor, a TA and two students. */
  public static Course course() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String courseId = createCourse("Course " + suffix);
    Course c = new Course(courseId, createUser("instructor-" + suffix),
        createUser("ta-" + suffix), createUser("alice-" + suffix), createUser("bob-" + suffix));
    addMember(ADMIN, courseId, c.instructor(), "INSTRUCTOR");
    addMember(c.instructor(), courseId, c.ta(), "TA");
    addMember(c.instructor(), courseId, c.alice(), "STUDENT");
    addMember(c.instructor(), courseId, c.bob(), "STUDENT");
    return c;
  }

  /** {@link #course()} plus an exercise with {@link #SUM_SUITE} as version 1. */
  public static Exercise exercise() {
    Course c = course();
    String id = createExercise(c.instructor(), c.id(), "sum");
    putSuite(c.instructor(), id, SUM_SUITE);
    return new Exercise(c, id);
  }

  /** A course and its people. */
  public record Course(String id, TestUser instructor, TestUser ta, TestUser alice,
      TestUser bob) {}

  /** An exercise with a suite, in its course. */
  public record Exercise(Course course, String id) {}
}
