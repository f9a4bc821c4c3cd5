package dev.arbiter.api.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * A user of the API under test, with their token.
 *
 * @param id user id
 * @param token API token
 */
public record TestUser(String id, String token) {

  /** A request authenticated as this user, JSON in and out. */
  public RequestSpecification request() {
    return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
        .accept(ContentType.JSON);
  }
}
