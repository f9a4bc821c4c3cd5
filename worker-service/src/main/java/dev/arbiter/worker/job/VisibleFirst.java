package dev.arbiter.worker.job;

import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.worker.launch.RunReport;
import dev.arbiter.worker.launch.TestExecution;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The order a suite's tests run in a sandbox: every visible test before any hidden one, each group
 * in suite order. Tests of one submission share a sandbox, and the pid counter and tmpfs inode
 * numbers survive between them: a hidden test could encode its input there for a later visible
 * test to print. Run first, a visible test has nothing of a hidden test to read.
 */
public final class VisibleFirst {

  private final List<Integer> suiteIndexes;
  private final int visibleCount;

  private VisibleFirst(List<Integer> suiteIndexes, int visibleCount) {
    this.suiteIndexes = suiteIndexes;
    this.visibleCount = visibleCount;
  }

  public static VisibleFirst of(TestSuite suite) {
    List<TestCase> tests = suite.tests();
    List<Integer> order = new ArrayList<>(tests.size());
    IntStream.range(0, tests.size()).filter(i -> !tests.get(i).hidden()).forEach(order::add);
    int visible = order.size();
    IntStream.range(0, tests.size()).filter(i -> tests.get(i).hidden()).forEach(order::add);
    return new VisibleFirst(List.copyOf(order), visible);
  }

  /** What enters the sandbox, in run order: inputs only, never expected values. */
  public List<TestCase.SandboxInput> inputs(TestSuite suite) {
    return suiteIndexes.stream().map(i -> suite.tests().get(i).sandboxInput()).toList();
  }

  /** How many tests run before the first hidden one. */
  public int visibleCount() {
    return visibleCount;
  }

  /** The report with its executions put back in suite order, each carrying its suite index. */
  public RunReport inSuiteOrder(RunReport report) {
    if (report.tests().size() != suiteIndexes.size()) {
      throw new IllegalArgumentException("a report of " + report.tests().size() + " executions for "
          + suiteIndexes.size() + " tests");
    }
    TestExecution[] bySuiteIndex = new TestExecution[suiteIndexes.size()];
    for (int run = 0; run < suiteIndexes.size(); run++) {
      bySuiteIndex[suiteIndexes.get(run)] = report.tests().get(run).withIndex(suiteIndexes.get(run));
    }
    return new RunReport(List.of(bySuiteIndex), report.attempts());
  }
}
