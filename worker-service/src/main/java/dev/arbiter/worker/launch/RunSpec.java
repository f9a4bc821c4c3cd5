package dev.arbiter.worker.launch;

import dev.arbiter.common.suite.TestCase;
import java.util.List;
import java.util.Map;

/**
 * Everything a launcher may put into a sandbox: the submission's files and each test's inputs.
 * Built by the worker from a job; it has no field for expected values, by construction.
 *
 * @param runId unique per attempt; names the container / Kubernetes Job and its cgroup
 * @param submissionId for labels and logs
 * @param exerciseId for labels and logs
 * @param language runtime name, e.g. {@code python3}
 * @param entrypoint file io tests run, e.g. {@code main.py}
 * @param files file name → UTF-8 content (names already validated: relative, no "..", no NUL)
 * @param tests inputs of each test, in run order: visible tests first (see {@code VisibleFirst})
 * @param visibleTests how many of the first {@code tests} are visible to the student; the rest
 *     are hidden, and a launcher that hands a sandbox several inputs at once (a Kubernetes batch)
 *     never gives one sandbox both kinds, so a visible test cannot print a hidden test's input
 * @param limits limits of the run
 */
public record RunSpec(
    String runId,
    String submissionId,
    String exerciseId,
    String language,
    String entrypoint,
    Map<String, String> files,
    List<TestCase.SandboxInput> tests,
    int visibleTests,
    SandboxLimits limits) {

  public RunSpec {
    if (visibleTests < 0 || visibleTests > tests.size()) {
      throw new IllegalArgumentException(
          visibleTests + " visible tests in a run of " + tests.size());
    }
  }
}
