package dev.arbiter.worker.attack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.common.job.TestOutcome;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.status.RunLimits;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.common.suite.Visibility;
import dev.arbiter.worker.job.VisibleFirst;
import dev.arbiter.worker.judge.Judge;
import dev.arbiter.worker.launch.RunLauncher;
import dev.arbiter.worker.launch.RunReport;
import dev.arbiter.worker.launch.RunSpec;
import dev.arbiter.worker.launch.SandboxFailure;
import dev.arbiter.worker.launch.SandboxLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One submission graded the way production grades it: the suite (with its expected values) stays
 * here, the sandbox gets a {@link RunSpec} built from {@link TestCase#sandboxInput()} only, and
 * {@link Judge} turns what came back into the contract's verdicts.
 *
 * @param suite the suite, expected values included
 * @param report what the launcher observed
 * @param outcomes the verdicts, in suite order
 */
record GradedRun(TestSuite suite, RunReport report, List<TestOutcome> outcomes) {

  static GradedRun grade(RunLauncher launcher, TestSuite suite, Map<String, String> files,
      SandboxLimits limits) throws SandboxFailure {
    // Same projection and order as the worker's RunSpecs.from(job): inputs only, visible first.
    VisibleFirst order = VisibleFirst.of(suite);
    RunSpec spec = new RunSpec(UUID.randomUUID().toString().replace("-", ""), "attack", "attack",
        "python3", suite.entrypoint(), files, order.inputs(suite), order.visibleCount(),
        limits);
    RunReport report = order.inSuiteOrder(launcher.launch(spec));
    return new GradedRun(suite, report, Judge.judge(suite, report, limits.outputBytes()));
  }

  static GradedRun grade(RunLauncher launcher, TestSuite suite, String mainPy, RunLimits limits)
      throws SandboxFailure {
    return grade(launcher, suite, Map.of("main.py", mainPy), SandboxLimits.from(limits));
  }

  TestOutcome test(int index) {
    return outcomes.get(index);
  }

  double score() {
    return outcomes.stream().mapToDouble(TestOutcome::score).sum();
  }

  /** Everything anyone (student or staff) could ever see of this run, for leak checks. */
  String everythingVisible() {
    return outcomes.stream()
        .flatMap(o -> Stream.of(o.output(), o.stderr(), o.actual(), o.message()))
        .filter(s -> s != null)
        .collect(Collectors.joining("\n"));
  }

  static TestSuite suite(TestCase... tests) {
    return new TestSuite("main.py", List.of(tests));
  }

  static TestCase io(String name, String stdin, String expectedStdout) {
    return new TestCase(name, TestKind.IO, stdin, expectedStdout, "exact", null, null, null, null, 1,
        Visibility.VISIBLE);
  }

  static TestCase hiddenIo(String name, String stdin, String expectedStdout) {
    return new TestCase(name, TestKind.IO, stdin, expectedStdout, "exact", null, null, null, null, 1,
        Visibility.HIDDEN);
  }

  static TestCase call(String name, String function, String argsJson, String expectedJson) {
    return new TestCase(name, TestKind.CALL, null, null, null, "main", function, json(argsJson),
        json(expectedJson), 1, Visibility.VISIBLE);
  }

  static TestCase hiddenCall(String name, String function, String argsJson, String expectedJson) {
    return new TestCase(name, TestKind.CALL, null, null, null, "main", function, json(argsJson),
        json(expectedJson), 1, Visibility.HIDDEN);
  }

  private static JsonNode json(String text) {
    try {
      return WireFormat.mapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
