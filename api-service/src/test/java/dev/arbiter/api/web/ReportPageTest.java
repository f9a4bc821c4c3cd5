package dev.arbiter.api.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class ReportPageTest {

  @TestHTTPResource("/")
  URL base;

  /** Alice scores 2 of 2 (one attempt), Bob 1 of 2 (two attempts); nobody else submits. */
  static ApiClient.Exercise gradedExercise() {
    var ex = ApiClient.exercise();
    String a = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);
    String b1 = ApiClient.submit(ex.course().bob(), ex.id(), ApiClient.SUM_SOLUTION);
    String b2 = ApiClient.submit(ex.course().bob(), ex.id(), ApiClient.SUM_SOLUTION);
    GradingResults.completed(a, 1, outcomes(true, true));
    GradingResults.completed(b1, 1, outcomes(false, false));
    GradingResults.completed(b2, 1, outcomes(true, false));
    SuitePageTest.awaitGraded(ex.course().ta(), a, b1, b2);
    return ex;
  }

  static List<TestOutcome> outcomes(boolean first, boolean second) {
    return List.of(
        new TestOutcome("adds small numbers", first ? TestStatus.PASSED : TestStatus.FAILED,
            first ? 1 : 0, 1, 10, first ? "5\n" : "4\n", "", null, null),
        new TestOutcome("adds negatives", second ? TestStatus.PASSED : TestStatus.FAILED,
            second ? 1 : 0, 1, 10, "", null, second ? "-5" : "-1", null));
  }

  private static List<String> column(Browser b, String key) {
    return b.all(By.cssSelector("table[data-report] tbody td[data-col='" + key + "']")).stream()
        .map(WebElement::getText).toList();
  }

  private static String aliceName(Browser b) {
    return b.all(By.cssSelector("table[data-report] tbody tr")).stream()
        .map(r -> r.getAttribute("data-student")).filter(n -> n.startsWith("alice-")).findFirst()
        .orElseThrow();
  }

  @Test
  void aTaOpensTheReportSortsItAndDownloadsTheCsv() throws Exception {
    var ex = gradedExercise();
    try (Browser b = Browser.open(base.toString(), "report")) {
      WebPages.signIn(b, ex.course().ta());
      b.go("/exercises/" + ex.id() + "/report");
      assertTrue(b.find(By.cssSelector(".lede")).getText().contains("2 students · 2 submitted"));
      WebElement histogram = b.find(By.cssSelector("svg.histogram"));
      assertTrue(histogram.getAttribute("aria-label").contains("2 students"));
      List<String> passRates = b.all(By.cssSelector("svg.passrate text.pct")).stream()
          .map(WebElement::getText).toList();
      assertEquals(List.of("100 %", "50 %"), passRates, "latest submissions: both pass the "
          + "first test, only Alice the second");
      b.screenshot("1-report");

      b.find(By.cssSelector("a.sort[data-sort=best]")).click();
      b.until(ExpectedConditions.attributeToBe(By.cssSelector("th:has(a[data-sort=best])"),
          "aria-sort", "descending"));
      assertEquals(List.of("2", "1"), column(b, "best"));
      b.find(By.cssSelector("a.sort[data-sort=best]")).click();
      b.until(ExpectedConditions.attributeToBe(By.cssSelector("th:has(a[data-sort=best])"),
          "aria-sort", "ascending"));
      assertEquals(List.of("1", "2"), column(b, "best"));
      assertEquals(List.of("2", "1"), column(b, "attempts"));
      b.screenshot("2-sorted");

      b.find(By.linkText("Download CSV")).click();
      Path csv = b.downloaded(".csv");
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      assertEquals("student,email,best,latest,max,attempts,last_submitted_at,passback",
          lines.get(0));
      assertEquals(3, lines.size());
      assertTrue(lines.get(1).startsWith("bob-") && lines.get(1).contains(",1,1,2,2,"),
          "the CSV keeps the table's order (best ascending): " + lines);
      assertTrue(lines.get(2).startsWith("alice-") && lines.get(2).contains(",2,2,2,1,"),
          lines.get(2));
    }
  }

  @Test
  void theFilterNarrowsTheTableAndTheSubmissionDetailShowsCodeAndOutputs() {
    var ex = gradedExercise();
    try (Browser b = Browser.open(base.toString(), "report-filter")) {
      WebPages.signIn(b, ex.course().ta());
      b.go("/exercises/" + ex.id() + "/report");
      String alice = aliceName(b);
      b.find(By.id("q")).sendKeys(alice);
      b.find(By.cssSelector("form.toolbar button[type=submit]")).click();
      b.until(ExpectedConditions.urlContains("q="));
      assertEquals(List.of(alice), b.all(By.cssSelector("table[data-report] tbody tr")).stream()
          .map(r -> r.getAttribute("data-student")).toList());
      b.find(By.cssSelector("td[data-col=detail] a")).click();
      WebElement panel = b.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector(".submission-panel[data-status=GRADED]")));
      assertTrue(b.find(By.cssSelector("pre[data-file='main.py']")).getText().contains("def add"));
      // staff see the hidden test's returned value too
      WebElement hidden = panel.findElement(By.cssSelector("details[data-test='adds negatives']"));
      hidden.findElement(By.tagName("summary")).click();
      assertEquals("-5", hidden.findElement(By.cssSelector("pre[data-io=actual]")).getText());
      b.screenshot("detail");
    }
  }

  @Test
  void theCourseReportTotalsEachStudentsBestScores() {
    var ex = gradedExercise();
    var ta = WebPages.HttpSession.of(ex.course().ta());
    String csv = given().cookie("arbiter_session", ta.cookie())
        .get("/courses/{c}/report.csv?sort=best&dir=desc", ex.course().id()).then()
        .statusCode(200).contentType("text/csv").extract().asString();
    String[] lines = csv.split("\r\n");
    assertEquals("student,email,sum,total,max", lines[0]);
    assertTrue(lines[1].startsWith("alice-") && lines[1].endsWith(",2,2,2"), lines[1]);
    assertTrue(lines[2].startsWith("bob-") && lines[2].endsWith(",1,1,2"), lines[2]);
  }

  @Test
  void studentsCannotSeeGradeReports() {
    var ex = ApiClient.exercise();
    var alice = WebPages.HttpSession.of(ex.course().alice());
    given().cookie("arbiter_session", alice.cookie()).get("/exercises/{e}/report", ex.id())
        .then().statusCode(403);
    given().cookie("arbiter_session", alice.cookie()).get("/exercises/{e}/report.csv", ex.id())
        .then().statusCode(403);
  }
}
