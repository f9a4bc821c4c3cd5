package dev.arbiter.api.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class SignInPageTest {

  @TestHTTPResource("/")
  URL base;

  @Test
  void signingInWithATokenLeadsBackToTheRequestedPageAndListsMyCourses() {
    var course = ApiClient.course();
    String title = given().header("Authorization", "Bearer " + course.alice().token())
        .get("/api/v1/courses/{c}", course.id()).then().extract().path("title");
    try (Browser b = Browser.open(base.toString(), "sign-in")) {
      b.go("/courses");
      b.until(ExpectedConditions.urlContains("/sign-in?next="));
      WebElement token = b.find(By.id("token"));
      assertEquals("API token", b.find(By.cssSelector("label[for=token]")).getText());
      token.sendKeys(course.alice().token());
      b.screenshot("1-form");
      token.submit();
      b.until(ExpectedConditions.urlMatches("/courses$"));
      assertTrue(b.find(By.tagName("main")).getText().contains(title));
      assertTrue(b.find(By.cssSelector("header .who")).getText().contains("alice-"));
      b.screenshot("2-courses");
    }
  }

  @Test
  void aWrongTokenIsExplainedNextToTheField() {
    try (Browser b = Browser.open(base.toString(), "sign-in-wrong-token")) {
      b.go("/sign-in");
      b.find(By.id("token")).sendKeys("not-a-token");
      b.find(By.id("token")).submit();
      WebElement summary = b.until(
          ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-summary[role=alert]")));
      assertTrue(summary.getText().contains("That API token is not valid."));
      WebElement field = b.find(By.id("token"));
      assertEquals("true", field.getAttribute("aria-invalid"));
      assertTrue(field.getAttribute("aria-describedby").contains("token-error"));
      // the field has focus, so a keyboard user can type the token again right away
      assertEquals("token", b.driver.switchTo().activeElement().getAttribute("id"));
      b.screenshot("error");
    }
  }

  @Test
  void theSessionCookieIsHttpOnlySecureAndLax() {
    var user = ApiClient.createUser("cookie");
    String setCookie = given().redirects().follow(false)
        .contentType("application/x-www-form-urlencoded").formParam("token", user.token())
        .post("/sign-in").then().statusCode(303).extract().header("Set-Cookie");
    assertTrue(setCookie.startsWith("arbiter_session="), setCookie);
    assertTrue(setCookie.contains("HttpOnly"), setCookie);
    assertTrue(setCookie.contains("Secure"), setCookie);
    assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
  }

  @Test
  void aFormPostWithoutTheSessionsCsrfTokenIsRefused() {
    var user = ApiClient.createUser("csrf");
    var session = WebPages.HttpSession.of(user);
    given().redirects().follow(false).cookie("arbiter_session", session.cookie())
        .contentType("application/x-www-form-urlencoded").formParam("_csrf", "forged")
        .post("/sign-out").then().statusCode(403);
    // still signed in: the forged sign-out did nothing
    given().redirects().follow(false).cookie("arbiter_session", session.cookie()).get("/courses")
        .then().statusCode(200);
    given().redirects().follow(false).cookie("arbiter_session", session.cookie())
        .contentType("application/x-www-form-urlencoded").formParam("_csrf", session.csrf())
        .post("/sign-out").then().statusCode(303).header("Location", endsWith("/sign-in"));
    given().redirects().follow(false).cookie("arbiter_session", session.cookie()).get("/courses")
        .then().statusCode(303).header("Location", containsString("/sign-in?next=%2Fcourses"));
  }

  @Test
  void aCrossSiteSignInPostIsRefused() {
    var user = ApiClient.createUser("xsite");
    given().redirects().follow(false).header("Sec-Fetch-Site", "cross-site")
        .contentType("application/x-www-form-urlencoded").formParam("token", user.token())
        .post("/sign-in").then().statusCode(403).contentType("application/problem+json")
        .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
    given().redirects().follow(false).header("Origin", "https://evil.example")
        .contentType("application/x-www-form-urlencoded").formParam("token", user.token())
        .post("/sign-in").then().statusCode(403);
  }

  @Test
  void pagesForbidInlineScriptsAndAreNotCached() {
    String csp = given().get("/sign-in").then().statusCode(200)
        .header("Cache-Control", "no-store")
        .extract().header("Content-Security-Policy");
    assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-eval"), csp);
    assertTrue(csp.contains("frame-ancestors *"), csp);
  }

  @Test
  void signInNeverRedirectsOffSite() {
    var user = ApiClient.createUser("next");
    given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
        .formParam("token", user.token()).formParam("next", "//evil.example/")
        .post("/sign-in").then().statusCode(303).header("Location", endsWith("/courses"));
  }

  @Test
  void pagesWithoutASessionSendToSignInAndScriptsGetAProblem() {
    given().redirects().follow(false).get("/courses").then().statusCode(303)
        .header("Location", containsString("/sign-in"));
    given().redirects().follow(false).accept("application/json")
        .get("/submissions/{id}/status", java.util.UUID.randomUUID()).then()
        .statusCode(401).contentType("application/problem+json")
        .body("status", equalTo(401));
  }
}
