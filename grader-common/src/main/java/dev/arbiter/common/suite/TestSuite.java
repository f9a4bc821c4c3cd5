package dev.arbiter.common.suite;

import java.util.List;

/**
 * One immutable version of an exercise's test suite, in the contract's JSON shape.
 *
 * @param entrypoint file run by io tests, e.g. {@code main.py}
 * @param tests in suite order; verdicts are reported in the same order
 */
public record TestSuite(String entrypoint, List<TestCase> tests) {

  public double maxScore() {
    return tests.stream().mapToDouble(TestCase::points).sum();
  }
}
