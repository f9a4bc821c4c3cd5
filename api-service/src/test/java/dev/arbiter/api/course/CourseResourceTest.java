package dev.arbiter.api.course;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import dev.arbiter.api.testing.TestUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class CourseResourceTest {

  @Test
  void studentCannotCreateCourses() {
    var c = ApiClient.course();

    c.alice().request().body(Map.of("title", "mine")).post("/api/v1/courses")
        .then().statusCode(403).contentType("application/problem+json");
  }

  @Test
  void instructorAddsMembersButTaCannot() {
    var c = ApiClient.course();
    TestUser carol = ApiClient.createUser("carol");

    c.ta().request().body(Map.of("role", "STUDENT"))
        .put("/api/v1/courses/{c}/members/{u}", c.id(), carol.id())
        .then().statusCode(403);
    ApiClient.addMember(c.instructor(), c.id(), carol, "STUDENT");

    c.ta().request().get("/api/v1/courses/{c}/members", c.id()).then().statusCode(200)
        .body("userId", hasItem(carol.id()));
  }

  @Test
  void nonMemberSeesCourseAs404() {
    var c = ApiClient.course();
    TestUser stranger = ApiClient.createUser("stranger");

    stranger.request().get("/api/v1/courses/{c}", c.id()).then().statusCode(404)
        .contentType("application/problem+json");
    stranger.request().body(Map.of("role", "INSTRUCTOR"))
        .put("/api/v1/courses/{c}/members/{u}", c.id(), stranger.id())
        .then().statusCode(404);
  }

  @Test
  void changingARoleKeepsOneMembership() {
    var c = ApiClient.course();

    ApiClient.addMember(c.instructor(), c.id(), c.bob(), "TA");

    c.instructor().request().get("/api/v1/courses/{c}/members", c.id()).then().statusCode(200)
        .body("findAll { it.userId == '" + c.bob().id() + "' }.role", contains("TA"));
  }

  @Test
  void membersSeeTheirCoursesWithTheirRole() {
    var c = ApiClient.course();

    c.alice().request().get("/api/v1/courses").then().statusCode(200)
        .body("id", contains(c.id())).body("role", contains("STUDENT"));
    c.alice().request().get("/api/v1/courses/{c}", c.id()).then().statusCode(200)
        .body("role", equalTo("STUDENT"));
  }

  @Test
  void unknownRoleIs400AndUnknownUserIs404() {
    var c = ApiClient.course();

    c.instructor().request().body(Map.of("role", "OWNER"))
        .put("/api/v1/courses/{c}/members/{u}", c.id(), c.alice().id())
        .then().statusCode(400).contentType("application/problem+json")
        .body("detail", equalTo("field 'role' has the wrong type or value"));
    c.instructor().request().body(Map.of("role", "STUDENT"))
        .put("/api/v1/courses/{c}/members/{u}", c.id(), UUID.randomUUID())
        .then().statusCode(404);
    c.instructor().request().get("/api/v1/courses/{c}/members", c.id()).then()
        .body("role", containsInAnyOrder("INSTRUCTOR", "TA", "STUDENT", "STUDENT"));
  }
}
