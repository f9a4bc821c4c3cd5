package dev.arbiter.api.web;

import static io.restassured.RestAssured.given;

import dev.arbiter.api.testing.TestUser;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Steps shared by the page tests: signing in through the real form, in a browser or over HTTP. */
final class WebPages {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private WebPages() {}

  /** Signs in through the sign-in form, as a person would, and waits for the course list. */
  static void signIn(Browser browser, TestUser user) {
    browser.go("/sign-in");
    browser.find(By.id("token")).sendKeys(user.token());
    browser.find(By.cssSelector("form[action='/sign-in'] button[type=submit]")).click();
    browser.until(ExpectedConditions.urlContains("/courses"));
  }

  /**
   * A signed-in HTTP session (no browser): the cookie value and the CSRF token from a page.
   *
   * @param cookie the session cookie's value
   * @param csrf the session's CSRF token as the pages embed it
   */
  record HttpSession(String cookie, String csrf) {

    static HttpSession of(TestUser user) {
      Response r = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
          .formParam("token", user.token()).post("/sign-in");
      String cookie = r.getCookie("arbiter_session");
      String page = given().redirects().follow(false).cookie("arbiter_session", cookie)
          .get("/courses").asString();
      Matcher m = CSRF.matcher(page);
      if (!m.find()) {
        throw new AssertionError("no CSRF token on the course list:\n" + page);
      }
      return new HttpSession(cookie, m.group(1));
    }
  }
}
