package dev.arbiter.api.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasLength;
import static org.hamcrest.Matchers.containsString;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import dev.arbiter.api.testing.TestUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class UserResourceTest {

  @Test
  void administratorCreatesUserWhoseTokenWorksOnce() {
    TestUser ada = ApiClient.createUser("ada");

    ada.request().get("/api/v1/users/me").then().statusCode(200)
        .body("id", equalTo(ada.id())).body("admin", equalTo(false));
  }

  @Test
  void tokenIs32RandomBytesInBase64url() {
    ApiClient.ADMIN.request().body(Map.of("name", "tok")).post("/api/v1/users")
        .then().statusCode(201).header("Location", containsString("/api/v1/users/"))
        .body("token", hasLength(43));
  }

  @Test
  void requestWithoutTokenIs401ProblemJson() {
    given().get("/api/v1/users/me").then().statusCode(401)
        .contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
        .body("status", equalTo(401)).body("title", equalTo("Authentication required"));
  }

  @Test
  void unknownTokenIs401() {
    new TestUser("x", "not-a-token").request().get("/api/v1/users/me").then().statusCode(401)
        .contentType("application/problem+json");
  }

  @Test
  void nonAdministratorCannotCreateUsers() {
    TestUser bob = ApiClient.createUser("bob");

    bob.request().body(Map.of("name", "eve")).post("/api/v1/users").then().statusCode(403)
        .contentType("application/problem+json").body("status", equalTo(403));
  }

  @Test
  void duplicateEmailIs409() {
    ApiClient.ADMIN.request().body(Map.of("name", "c1", "email", "Carol@Example.org"))
        .post("/api/v1/users").then().statusCode(201);

    ApiClient.ADMIN.request().body(Map.of("name", "c2", "email", "carol@example.org"))
        .post("/api/v1/users").then().statusCode(409).contentType("application/problem+json");
  }

  @Test
  void blankNameIs400() {
    ApiClient.ADMIN.request().body(Map.of("name", " ")).post("/api/v1/users")
        .then().statusCode(400).contentType("application/problem+json");
  }

  @Test
  void textBodyIs415() {
    ApiClient.ADMIN.request().contentType(ContentType.TEXT).body("name=x")
        .post("/api/v1/users").then().statusCode(415).contentType("application/problem+json");
  }

  @Test
  void concurrentCreationsWithOneEmailMakeOneUserAndConflicts() {
    String email = "race-" + java.util.UUID.randomUUID() + "@example.org";

    var statuses = java.util.stream.IntStream.range(0, 6)
        .mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(() ->
            ApiClient.ADMIN.request().body(Map.of("name", "r" + i, "email", email))
                .post("/api/v1/users").then().contentType(containsString("json"))
                .extract().statusCode()))
        .toList().stream().map(java.util.concurrent.CompletableFuture::join).sorted().toList();

    org.junit.jupiter.api.Assertions.assertEquals(201, statuses.get(0));
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(409, 409, 409, 409, 409),
        statuses.subList(1, 6));
  }
}
