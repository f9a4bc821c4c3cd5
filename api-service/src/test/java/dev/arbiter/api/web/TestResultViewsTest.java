package dev.arbiter.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.arbiter.api.web.view.TestResultView;
import dev.arbiter.common.job.TestOutcome;
import dev.arbiter.common.status.TestStatus;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.common.suite.Visibility;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestResultViewsTest {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  static final TestSuite SUITE = new TestSuite("main.py", List.of(
      new TestCase("small", TestKind.IO, "2 3\n", "5\n", "exact", null, null, null, null, 1,
          Visibility.VISIBLE),
      new TestCase("secret", TestKind.IO, "40 2\n", "42\n", "exact", null, null, null, null, 2,
          Visibility.HIDDEN),
      new TestCase("negatives", TestKind.CALL, null, null, null, "main", "add",
          JSON.arrayNode().add(-2).add(-3), JSON.numberNode(-5), 1, Visibility.VISIBLE)));

  static final List<TestOutcome> OUTCOMES = List.of(
      new TestOutcome("small", TestStatus.FAILED, 0, 1, 12, "6\n", "", null, "wrong answer"),
      new TestOutcome("secret", TestStatus.FAILED, 0, 2, 13, "41\n", "trace", null, "wrong answer"),
      new TestOutcome("negatives", TestStatus.PASSED, 1, 1, 9, "", null, "-5", null));

  @Test
  void aStudentSeesNothingOfAHiddenTestButItsResult() {
    TestResultView secret = TestResultViews.of(SUITE, OUTCOMES, false).get(1);
    assertTrue(secret.redacted());
    assertEquals("FAILED", secret.status());
    assertEquals(2.0, secret.maxScore());
    assertNull(secret.input());
    assertNull(secret.expected());
    assertNull(secret.actual());
    assertNull(secret.stderr());
    assertNull(secret.message());
    assertTrue(secret.diff().isEmpty());
  }

  @Test
  void staffSeeHiddenTestsInFull() {
    TestResultView secret = TestResultViews.of(SUITE, OUTCOMES, true).get(1);
    assertFalse(secret.redacted());
    assertTrue(secret.hidden());
    assertEquals("40 2\n", secret.input());
    assertEquals("41\n", secret.actual());
    assertEquals("trace", secret.stderr());
  }

  @Test
  void aFailedVisibleIoTestHasInputExpectedActualAndADiff() {
    TestResultView small = TestResultViews.of(SUITE, OUTCOMES, false).get(0);
    assertEquals("2 3\n", small.input());
    assertEquals("5\n", small.expected());
    assertEquals("6\n", small.actual());
    assertTrue(small.hasDiff());
    assertNull(small.stderr(), "blank stderr is not shown");
  }

  @Test
  void aCallTestShowsTheCallAndTheJsonValues() {
    TestResultView call = TestResultViews.of(SUITE, OUTCOMES, false).get(2);
    assertEquals("-2, -3", call.input());
    assertEquals("-5", call.expected());
    assertEquals("-5", call.actual());
    assertFalse(call.hasDiff());
  }

  @Test
  void beforeGradingEveryTestIsListedWithoutAResult() {
    List<TestResultView> rows = TestResultViews.of(SUITE, List.of(), false);
    assertEquals(3, rows.size());
    assertNull(rows.get(0).status());
    assertEquals("not run", rows.get(0).statusLabel());
  }
}
