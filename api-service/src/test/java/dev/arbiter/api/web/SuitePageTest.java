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
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class SuitePageTest {

  @TestHTTPResource("/")
  URL base;

  static Path zipSuite() throws Exception {
    Map<String, String> files = Map.of(
        "suite.json", "{\"entrypoint\":\"main.py\",\"defaults\":{\"comparator\":\"trim\"}}",
        "tests/t1/input", "2 3\n",
        "tests/t1/output", "5\n",
        "tests/t2/input", "10 -4\n",
        "tests/t2/output", "6\n",
        "tests/t3/input", "1 1\n",
        "tests/t3/output", "2\n",
        "tests/t3/meta.json", "{\"visibility\":\"hidden\",\"points\":2}");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var f : new java.util.TreeMap<>(files).entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    Path path = Files.createTempFile("suite", ".zip");
    Files.write(path, bytes.toByteArray());
    return path;
  }

  @Test
  void instructorUploadsAZipSuiteAndSeesVersion2() throws Exception {
    var ex = ApiClient.exercise();
    Path zip = zipSuite();
    try (Browser b = Browser.open(base.toString(), "suite-zip")) {
      WebPages.signIn(b, ex.course().instructor());
      b.go("/exercises/" + ex.id() + "/suite");
      assertEquals("1", b.find(By.cssSelector("[data-current-version]")).getText());
      b.find(By.id("suiteFile")).sendKeys(zip.toAbsolutePath().toString());
      b.screenshot("1-chosen");
      b.find(By.cssSelector("form[action$='/suite'] button[type=submit]")).click();
      b.until(ExpectedConditions.urlContains("saved=2"));
      assertTrue(b.find(By.cssSelector(".flash")).getText().contains("Suite version 2 saved"));
      assertEquals("2", b.find(By.cssSelector("[data-current-version]")).getText());
      WebElement v2 = b.find(By.cssSelector("table[data-versions] tr[data-version='2']"));
      assertTrue(v2.getText().contains("current"), v2.getText());
      List<String> cells = v2.findElements(By.tagName("td")).stream().map(WebElement::getText)
          .toList();
      assertEquals("3", cells.get(1), "three tests");
      assertEquals("1", cells.get(2), "one of them hidden");
      assertEquals("4", cells.get(3), "1 + 1 + 2 points");
      b.screenshot("2-version-2");
    } finally {
      Files.deleteIfExists(zip);
    }
    // the API agrees: students now submit against version 2
    ex.course().alice().request().get("/api/v1/exercises/{e}", ex.id()).then().statusCode(200)
        .body("suiteVersion", org.hamcrest.Matchers.equalTo(2));
  }

  @Test
  void aBrokenZipIsExplainedAndPublishesNothing() throws Exception {
    var ex = ApiClient.exercise();
    Path zip = Files.createTempFile("broken", ".zip");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry("suite.json"));
      out.write("{\"entrypoint\":\"main.py\"}".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new ZipEntry("tests/../../etc/passwd"));
      out.write("x".getBytes(StandardCharsets.UTF_8));
    }
    Files.write(zip, bytes.toByteArray());
    try (Browser b = Browser.open(base.toString(), "suite-zip-rejected")) {
      WebPages.signIn(b, ex.course().instructor());
      b.go("/exercises/" + ex.id() + "/suite");
      b.find(By.id("suiteFile")).sendKeys(zip.toAbsolutePath().toString());
      b.find(By.cssSelector("form[action$='/suite'] button[type=submit]")).click();
      WebElement alert = b.until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector(".error-summary[role=alert]")));
      assertTrue(alert.getText().contains("leaves its folder"), alert.getText());
      assertEquals("true", b.find(By.id("suiteFile")).getAttribute("aria-invalid"));
      assertEquals("1", b.find(By.cssSelector("[data-current-version]")).getText());
      b.screenshot("error");
    } finally {
      Files.deleteIfExists(zip);
    }
  }

  @Test
  void aDryRunGradesAReferenceSolutionWithoutPublishing() throws Exception {
    var ex = ApiClient.exercise();
    String draft = "{\"entrypoint\":\"main.py\",\"tests\":[{\"name\":\"doubles\",\"kind\":\"io\","
        + "\"stdin\":\"4\\n\",\"expectedStdout\":\"8\\n\",\"visibility\":\"hidden\"}]}";
    try (Browser b = Browser.open(base.toString(), "dry-run")) {
      WebPages.signIn(b, ex.course().instructor());
      b.go("/exercises/" + ex.id() + "/suite");
      b.find(By.id("suiteJson")).sendKeys(draft);
      b.find(By.id("action-dry")).click();
      b.find(By.id("reference")).sendKeys("print(int(input()) * 2)\n");
      b.find(By.cssSelector("form[action$='/suite'] button[type=submit]")).click();
      WebElement panel = b.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector(".submission-panel[data-status=QUEUED]")));
      String dryRunId = panel.getAttribute("id").substring("submission-".length());
      GradingResults.completed(dryRunId, 0, List.of(
          new TestOutcome("doubles", TestStatus.PASSED, 1, 1, 17, "8\n", "", null, null)));
      WebElement graded = b.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector(".submission-panel[data-status=GRADED]")));
      assertTrue(graded.getText().contains("1 / 1"), graded.getText());
      // the instructor sees the hidden test's output in a dry run
      WebElement test = graded.findElement(By.cssSelector("details[data-test='doubles']"));
      test.findElement(By.tagName("summary")).click();
      assertEquals("8", test.findElement(By.cssSelector("pre[data-io=actual]")).getText());
      assertEquals("1", b.find(By.cssSelector("[data-current-version]")).getText(),
          "nothing was published");
      b.screenshot("graded");
    }
    ex.course().alice().request().get("/api/v1/exercises/{e}", ex.id()).then()
        .body("suiteVersion", org.hamcrest.Matchers.equalTo(1));
  }

  @Test
  void regradingOnANewVersionShowsWhatChanged() throws Exception {
    var ex = ApiClient.exercise();
    String alice = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);
    String bob = ApiClient.submit(ex.course().bob(), ex.id(), ApiClient.SUM_SOLUTION);
    GradingResults.completed(alice, 1, outcomes(1, 1));
    GradingResults.completed(bob, 1, outcomes(1, 0));
    awaitGraded(ex.course().instructor(), alice, bob);
    Path zip = zipSuite();
    try (Browser b = Browser.open(base.toString(), "regrade")) {
      WebPages.signIn(b, ex.course().instructor());
      b.go("/exercises/" + ex.id() + "/suite");
      b.find(By.id("suiteFile")).sendKeys(zip.toAbsolutePath().toString());
      b.find(By.id("action-regrade")).click();
      b.find(By.cssSelector("form[action$='/suite'] button[type=submit]")).click();
      b.until(ExpectedConditions.urlContains("regraded=1"));
      WebElement card = b.find(By.cssSelector("[data-regrade]"));
      assertTrue(card.getText().contains("0 of 2 submissions regraded"), card.getText());

      Map<String, String> regradeOf = regradeSubmissions(ex.id());
      GradingResults.completed(regradeOf.get(alice), 2, List.of(
          pass("t1", 1), pass("t2", 1), new TestOutcome("t3", TestStatus.FAILED, 0, 2, 5, "3\n",
              "", null, null)));
      GradingResults.completed(regradeOf.get(bob), 2, List.of(
          pass("t1", 1), pass("t2", 1), pass("t3", 2)));
      b.until(d -> {
        d.navigate().refresh();
        return d.findElement(By.cssSelector("[data-regrade]")).getText()
            .contains("2 of 2 submissions regraded");
      });
      String text = b.find(By.cssSelector("[data-regrade]")).getText();
      assertTrue(text.contains("2 scores changed"), text);
      assertTrue(text.contains("2 / 2") && text.contains("2 / 4") && text.contains("higher"), text);
      b.screenshot("changes");
    } finally {
      Files.deleteIfExists(zip);
    }
  }

  private static List<TestOutcome> outcomes(double first, double second) {
    return List.of(
        new TestOutcome("adds small numbers", first > 0 ? TestStatus.PASSED : TestStatus.FAILED,
            first, 1, 10, "5\n", "", null, null),
        new TestOutcome("adds negatives", second > 0 ? TestStatus.PASSED : TestStatus.FAILED,
            second, 1, 10, "", null, second > 0 ? "-5" : "-6", null));
  }

  private static TestOutcome pass(String name, double points) {
    return new TestOutcome(name, TestStatus.PASSED, points, points, 8, "", "", null, null);
  }

  /** Waits (bounded) until the results consumer stored each submission's grade. */
  static void awaitGraded(dev.arbiter.api.testing.TestUser reader, String... ids) {
    for (String id : ids) {
      org.awaitility.Awaitility.await().atMost(Browser.HUNG).until(() ->
          "GRADED".equals(reader.request().get("/api/v1/submissions/{id}", id).then()
              .extract().path("status")));
    }
  }

  private static Map<String, String> regradeSubmissions(String exerciseId) throws Exception {
    Map<String, String> out = new java.util.HashMap<>();
    try (Connection c = PostgresResource.connect();
        PreparedStatement s = c.prepareStatement("SELECT i.original_submission_id,"
            + " i.regrade_submission_id FROM regrade_items i JOIN regrades r ON r.id = i.regrade_id"
            + " WHERE r.exercise_id = ?")) {
      s.setObject(1, UUID.fromString(exerciseId));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    assertEquals(2, out.size(), "each student's latest submission is regraded once");
    return out;
  }

  @Test
  void instructorCreatesAnExerciseAndABadSlugIsMarked() {
    var c = ApiClient.course();
    try (Browser b = Browser.open(base.toString(), "exercise-create")) {
      WebPages.signIn(b, c.instructor());
      b.go("/courses/" + c.id() + "/exercises/new");
      b.find(By.id("title")).sendKeys("Reverse a list");
      // the browser's own pattern check would stop "Bad Slug!" first; the server must too
      b.driver.executeScript("document.getElementById('slug').removeAttribute('pattern')");
      b.find(By.id("slug")).sendKeys("Bad Slug!");
      b.find(By.id("description")).sendKeys("Read numbers, print them reversed.");
      b.find(By.cssSelector("form.stack button[type=submit]")).click();
      WebElement slug = b.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("#slug[aria-invalid=true]")));
      assertTrue(b.find(By.id("slug-error")).getText().contains("slug"));
      assertEquals("Reverse a list", b.find(By.id("title")).getAttribute("value"),
          "what was typed comes back");
      b.screenshot("1-bad-slug");
      slug.clear();
      slug.sendKeys("reverse");
      WebElement time = b.find(By.id("timeSeconds"));
      time.clear();
      time.sendKeys("2");
      b.find(By.cssSelector("form.stack button[type=submit]")).click();
      b.until(ExpectedConditions.urlContains("/suite?created=1"));
      assertTrue(b.find(By.cssSelector(".flash")).getText().contains("Exercise created"));
      b.screenshot("2-created");
    }
    List<Map<String, Object>> list = c.instructor().request()
        .get("/api/v1/courses/{c}/exercises", c.id()).then().statusCode(200).extract()
        .jsonPath().getList("$");
    assertEquals(1, list.size());
    assertEquals("reverse", list.get(0).get("slug"));
    assertEquals(2, ((Map<?, ?>) list.get(0).get("limits")).get("timeSeconds"));
  }

  @Test
  void aStudentCannotOpenTheSuitePage() {
    var ex = ApiClient.exercise();
    var alice = WebPages.HttpSession.of(ex.course().alice());
    given().cookie("arbiter_session", alice.cookie()).get("/exercises/{e}/suite", ex.id())
        .then().statusCode(403);
  }
}
