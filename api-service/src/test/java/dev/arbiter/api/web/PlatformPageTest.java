package dev.arbiter.api.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class PlatformPageTest {

  @TestHTTPResource("/")
  URL base;

  @Test
  void inABrowserTheAdministratorFindsThePageFromTheMenuAndRegistersAnLms() {
    String issuer = "https://brightspace-" + UUID.randomUUID() + ".example.org";
    try (Browser b = Browser.open(base.toString(), "lms-platforms")) {
      WebPages.signIn(b, ApiClient.ADMIN);
      b.find(By.linkText("LMS platforms")).click();
      b.until(ExpectedConditions.urlContains("/admin/lti/platforms"));
      b.find(By.id("issuer")).sendKeys(issuer);
      b.find(By.id("clientId")).sendKeys("arbiter-tool");
      b.find(By.id("deploymentIds")).sendKeys("1");
      b.find(By.id("authLoginUrl")).sendKeys("https://lms.example.org/auth");
      b.find(By.id("authTokenUrl")).sendKeys("https://lms.example.org/token");
      b.find(By.id("jwksUrl")).sendKeys("https://lms.example.org/jwks");
      b.screenshot("1-form");
      b.find(By.cssSelector("form[action='/admin/lti/platforms'] button[type=submit]")).click();
      b.until(ExpectedConditions.urlContains("registered=1"));
      assertTrue(b.find(By.cssSelector("table[data-platforms]")).getText().contains(issuer));
      assertTrue(b.find(By.cssSelector("[role=status]")).getText().contains("registered"));
      b.screenshot("2-registered");
    }
  }

  @Test
  void anAdministratorRegistersAnLmsAndSeesItWithTheToolsOwnUrls() {
    String issuer = "https://moodle-" + UUID.randomUUID() + ".example.org";
    var session = WebPages.HttpSession.of(ApiClient.ADMIN);
    form(session, issuer, "client-1", "dep-1, dep-2", "https://lms.example.org/jwks")
        .post("/admin/lti/platforms")
        .then().statusCode(303).header("Location", endsWith("/admin/lti/platforms?registered=1"));

    ApiClient.ADMIN.request().get("/api/v1/lti/platforms").then().statusCode(200)
        .body("issuer", hasItem(issuer))
        .body("find { it.issuer == '" + issuer + "' }.deploymentIds", hasItem("dep-2"));
    given().cookie("arbiter_session", session.cookie()).get("/admin/lti/platforms?registered=1")
        .then().statusCode(200)
        .body(containsString("LMS platform registered."))
        .body(containsString(issuer))
        .body(containsString("/lti/login</code>"))
        .body(containsString("/lti/jwks</code>"));
  }

  @Test
  void aBadUrlComesBackWithTheFormAndRegistersNothing() {
    String issuer = "https://canvas-" + UUID.randomUUID() + ".example.org";
    var session = WebPages.HttpSession.of(ApiClient.ADMIN);
    form(session, issuer, "client-1", "dep-1", "not a url")
        .post("/admin/lti/platforms")
        .then().statusCode(400)
        .body(containsString("jwksUrl must be an absolute http(s) URL"))
        .body(containsString("href=\"#jwksUrl\""))
        .body(containsString("value=\"" + issuer + "\""));
    form(session, issuer, " ", "dep-1", "https://lms.example.org/jwks")
        .post("/admin/lti/platforms")
        .then().statusCode(400)
        .body(containsString("clientId: must not be blank"));

    ApiClient.ADMIN.request().get("/api/v1/lti/platforms").then()
        .body("issuer", not(hasItem(issuer)));
  }

  @Test
  void onlyAdministratorsSeeOrUseThePage() {
    String issuer = "https://lms-" + UUID.randomUUID() + ".example.org";
    var instructor = WebPages.HttpSession.of(ApiClient.exercise().course().instructor());
    given().cookie("arbiter_session", instructor.cookie()).get("/admin/lti/platforms")
        .then().statusCode(403);
    form(instructor, issuer, "client-1", "dep-1", "https://lms.example.org/jwks")
        .post("/admin/lti/platforms").then().statusCode(403);
    given().cookie("arbiter_session", instructor.cookie()).get("/courses")
        .then().body(not(containsString("/admin/lti/platforms")));

    ApiClient.ADMIN.request().get("/api/v1/lti/platforms").then()
        .body("issuer", not(hasItem(issuer)));
  }

  private static RequestSpecification form(WebPages.HttpSession session, String issuer,
      String clientId, String deploymentIds, String jwksUrl) {
    return given().redirects().follow(false).cookie("arbiter_session", session.cookie())
        .contentType("application/x-www-form-urlencoded")
        .formParam("_csrf", session.csrf()).formParam("issuer", issuer)
        .formParam("clientId", clientId).formParam("deploymentIds", deploymentIds)
        .formParam("authLoginUrl", "https://lms.example.org/auth")
        .formParam("authTokenUrl", "https://lms.example.org/token")
        .formParam("jwksUrl", jwksUrl).formParam("authTokenAudience", "");
  }
}
