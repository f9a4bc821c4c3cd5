package dev.arbiter.api.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class ExerciseEditPageTest {

  @Test
  void instructorChangesTitleAndLimitsAndTheExerciseShowsThem() {
    var ex = ApiClient.exercise();
    var session = WebPages.HttpSession.of(ex.course().instructor());
    given().redirects().follow(false).cookie("arbiter_session", session.cookie())
        .contentType("application/x-www-form-urlencoded")
        .formParam("_csrf", session.csrf()).formParam("title", "Sum, revised")
        .formParam("description", "Add two numbers.").formParam("timeSeconds", "3")
        .formParam("memoryMb", "128").formParam("outputKb", "32").formParam("diskMb", "16")
        .post("/exercises/{e}/edit", ex.id())
        .then().statusCode(303).header("Location", endsWith("/exercises/" + ex.id() + "?saved=1"));
    ex.course().alice().request().get("/api/v1/exercises/{e}", ex.id()).then().statusCode(200)
        .body("title", equalTo("Sum, revised"))
        .body("limits.timeSeconds", equalTo(3))
        .body("limits.memoryMb", equalTo(128));
  }

  @Test
  void aBadLimitComesBackWithTheFormAndChangesNothing() {
    var ex = ApiClient.exercise();
    var session = WebPages.HttpSession.of(ex.course().instructor());
    given().redirects().follow(false).cookie("arbiter_session", session.cookie())
        .contentType("application/x-www-form-urlencoded")
        .formParam("_csrf", session.csrf()).formParam("title", "Changed")
        .formParam("description", "").formParam("timeSeconds", "soon")
        .formParam("memoryMb", "128").formParam("outputKb", "32").formParam("diskMb", "16")
        .post("/exercises/{e}/edit", ex.id())
        .then().statusCode(400)
        .body(containsString("limits.timeSeconds must be a whole number"))
        .body(containsString("value=\"soon\""));
    ex.course().alice().request().get("/api/v1/exercises/{e}", ex.id()).then()
        .body("title", equalTo("Exercise sum"));
  }

  @Test
  void aTaCannotEditAnExercise() {
    var ex = ApiClient.exercise();
    var session = WebPages.HttpSession.of(ex.course().ta());
    given().cookie("arbiter_session", session.cookie()).get("/exercises/{e}/edit", ex.id())
        .then().statusCode(403);
    given().redirects().follow(false).cookie("arbiter_session", session.cookie())
        .contentType("application/x-www-form-urlencoded")
        .formParam("_csrf", session.csrf()).formParam("title", "Mine now")
        .formParam("timeSeconds", "1").formParam("memoryMb", "1").formParam("outputKb", "1")
        .formParam("diskMb", "1")
        .post("/exercises/{e}/edit", ex.id()).then().statusCode(403);
    ex.course().alice().request().get("/api/v1/exercises/{e}", ex.id()).then()
        .body("title", equalTo("Exercise sum"));
  }
}
