package dev.arbiter.api.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import dev.arbiter.common.job.TestOutcome;
import dev.arbiter.common.status.TestStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class ExercisePageTest {

  static final String SOLUTION = "def add(a, b):\n    return a + b\n\n"
      + "if __name__ == '__main__':\n    print(add(*map(int, input().split())))\n";

  @TestHTTPResource("/")
  URL base;

  @Test
  void studentSubmitsAndSeesTheGradedResultAppearWithoutReloading() {
    var ex = ApiClient.exercise();
    try (Browser b = Browser.open(base.toString(), "student-submits")) {
      WebPages.signIn(b, ex.course().alice());
      b.go("/exercises/" + ex.id());
      assertTrue(b.find(By.cssSelector("dl.limits")).getText().contains("5 s"));
      WebElement code = b.find(By.id("code"));
      code.clear();
      code.sendKeys(SOLUTION);
      b.driver.executeScript("window.__sameDocument = true;");
      b.screenshot("1-editor");
      b.find(By.cssSelector("form[data-live-target] button[type=submit]")).click();

      WebElement panel = b.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("#live-area .submission-panel")));
      assertEquals("QUEUED", panel.getAttribute("data-status"));
      assertTrue(panel.getText().contains("Queued"), panel.getText());
      String submissionId = panel.getAttribute("id").substring("submission-".length());
      b.screenshot("2-queued");

      GradingResults.started(submissionId);
      b.until(d -> d.findElement(By.cssSelector("#live-area .submission-panel"))
          .getAttribute("data-status").equals("RUNNING"));

      GradingResults.completed(submissionId, 1, List.of(
          new TestOutcome("adds small numbers", TestStatus.FAILED, 0, 1, 31, "6\n", "", null,
              "wrong answer"),
          new TestOutcome("adds negatives", TestStatus.PASSED, 1, 1, 12, "", null, "-5", null)));
      WebElement graded = b.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("#live-area .submission-panel[data-status=GRADED]")));
      assertEquals(Boolean.TRUE, b.driver.executeScript("return window.__sameDocument === true;"),
          "the result appeared in the same page, without a reload");
      assertEquals("1 / 2", graded.findElement(By.cssSelector("[data-score]")).getText());
      WebElement visible = graded.findElement(By.cssSelector("details[data-test='adds small numbers']"));
      assertEquals("2 3", visible.findElement(By.cssSelector("pre[data-io=input]")).getText());
      assertEquals("5", visible.findElement(By.cssSelector("pre[data-io=expected]")).getText());
      assertEquals("6", visible.findElement(By.cssSelector("pre[data-io=actual]")).getText());
      List<WebElement> diffRows = visible.findElements(By.cssSelector("table[data-diff] tbody tr"));
      assertEquals(List.of("del", "ins"), diffRows.stream().map(r -> r.getAttribute("class")).toList());
      // the history below the form picked the graded submission up as well
      b.until(d -> d.findElement(By.id("history")).getText().contains("graded"));
      b.screenshot("3-graded");
    }
  }

  @Test
  void aHiddenTestShowsItsStatusAndScoreButNoOutput() {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);
    GradingResults.completed(id, 1, List.of(
        new TestOutcome("adds small numbers", TestStatus.PASSED, 1, 1, 20, "5\n", "", null, null),
        new TestOutcome("adds negatives", TestStatus.FAILED, 0, 1, 15, "SECRET-OUTPUT-42\n",
            "SECRET-STDERR", "-6", "returned SECRET-VALUE")));
    try (Browser b = Browser.open(base.toString(), "hidden-test")) {
      WebPages.signIn(b, ex.course().alice());
      b.go("/submissions/" + id);
      WebElement hidden = b.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector(".submission-panel[data-status=GRADED] details[data-test='adds negatives']")));
      hidden.findElement(By.tagName("summary")).click();
      assertTrue(hidden.getText().contains("failed"), hidden.getText());
      assertTrue(hidden.getText().contains("0 / 1 pts"), hidden.getText());
      assertTrue(hidden.getText().contains("only its result and score are shown"));
      assertTrue(hidden.findElements(By.cssSelector("pre")).isEmpty());
      String html = b.driver.getPageSource();
      assertFalse(html.contains("SECRET"), "no output, stderr, value or message of a hidden test");
      assertFalse(html.contains("[-2,-3]") || html.contains("-2, -3"), "no input of a hidden test");
      b.screenshot("student");
    }
    // the fragment the page polls is redacted the same way
    var session = WebPages.HttpSession.of(ex.course().alice());
    String fragment = given().cookie("arbiter_session", session.cookie())
        .get("/submissions/{id}/panel", id).then().statusCode(200).extract().asString();
    assertFalse(fragment.contains("SECRET"));
    // staff see everything of the same submission
    var ta = WebPages.HttpSession.of(ex.course().ta());
    String staffPage = given().cookie("arbiter_session", ta.cookie())
        .get("/submissions/{id}", id).then().statusCode(200).extract().asString();
    assertTrue(staffPage.contains("SECRET-OUTPUT-42"), staffPage);
  }

  @Test
  void anotherStudentsSubmissionIsNotFound() {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);
    var bob = WebPages.HttpSession.of(ex.course().bob());
    given().cookie("arbiter_session", bob.cookie()).get("/submissions/{id}", id)
        .then().statusCode(404);
    given().cookie("arbiter_session", bob.cookie()).accept("application/json")
        .get("/submissions/{id}/status", id).then().statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void aWaitingSubmissionReportsItsPlaceInTheQueue() {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);
    var alice = WebPages.HttpSession.of(ex.course().alice());
    given().cookie("arbiter_session", alice.cookie()).accept("application/json")
        .get("/submissions/{id}/status", id).then().statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("QUEUED"))
        .body("final", org.hamcrest.Matchers.equalTo(false))
        .body("position", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
  }

  @Test
  void aRejectedSubmissionIsExplainedAboveTheForm() {
    var ex = ApiClient.exercise();
    try (Browser b = Browser.open(base.toString(), "submit-rejected")) {
      WebPages.signIn(b, ex.course().alice());
      b.go("/exercises/" + ex.id());
      WebElement name = b.find(By.id("filename"));
      name.clear();
      name.sendKeys("other.py");
      b.find(By.id("code")).sendKeys("print(1)\n");
      b.find(By.cssSelector("form[data-live-target] button[type=submit]")).click();
      WebElement alert = b.until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("form .error-summary[role=alert]")));
      assertTrue(alert.getText().contains("main.py"), alert.getText());
      assertTrue(b.all(By.cssSelector("#live-area .submission-panel")).isEmpty());
      b.screenshot("error");
    }
  }
}
