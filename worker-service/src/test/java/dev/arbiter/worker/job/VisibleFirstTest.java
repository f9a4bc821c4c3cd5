package dev.arbiter.worker.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.common.suite.Visibility;
import dev.arbiter.worker.launch.RunReport;
import dev.arbiter.worker.launch.Termination;
import dev.arbiter.worker.launch.TestExecution;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisibleFirstTest {

  private static final TestSuite SUITE = new TestSuite("main.py", List.of(
      test("h0", Visibility.HIDDEN), test("v1", Visibility.VISIBLE), test("h2", Visibility.HIDDEN),
      test("v3", Visibility.VISIBLE)));

  @Test
  void visibleTestsRunFirstThenHiddenOnesEachInSuiteOrder() {
    assertEquals(List.of("v1", "v3", "h0", "h2"),
        VisibleFirst.of(SUITE).inputs(SUITE).stream().map(TestCase.SandboxInput::name).toList());
    assertEquals(2, VisibleFirst.of(SUITE).visibleCount());
  }

  @Test
  void theReportComesBackInSuiteOrderWithSuiteIndexes() {
    VisibleFirst order = VisibleFirst.of(SUITE);
    // The launcher numbers executions by run position and echoes the test's stdin as its output.
    List<TestCase.SandboxInput> inputs = order.inputs(SUITE);
    RunReport report = new RunReport(List.of(execution(0, inputs.get(0)), execution(1, inputs.get(1)),
        execution(2, inputs.get(2)), execution(3, inputs.get(3))), 1);

    RunReport inSuiteOrder = order.inSuiteOrder(report);

    assertEquals(List.of("h0", "v1", "h2", "v3"),
        inSuiteOrder.tests().stream().map(t -> new String(t.stdout())).toList());
    assertEquals(List.of(0, 1, 2, 3), inSuiteOrder.tests().stream().map(TestExecution::index).toList());
    assertEquals(1, inSuiteOrder.attempts());
  }

  @Test
  void aReportOfTheWrongSizeIsRejected() {
    RunReport short1 = new RunReport(List.of(execution(0, SUITE.tests().get(0).sandboxInput())), 1);
    assertThrows(IllegalArgumentException.class, () -> VisibleFirst.of(SUITE).inSuiteOrder(short1));
  }

  private static TestCase test(String name, Visibility visibility) {
    return new TestCase(name, TestKind.IO, name, name + "\n", "exact", null, null, null, null, 1,
        visibility);
  }

  private static TestExecution execution(int index, TestCase.SandboxInput input) {
    return new TestExecution(index, Termination.EXITED, 0, 0, input.stdin().getBytes(), new byte[0],
        null, null, 1, null);
  }
}
