package dev.arbiter.api.suite;

import dev.arbiter.common.suite.TestSuite;
import java.time.Instant;

/**
 * A suite version's facts without its tests (the version list).
 *
 * @param tests how many tests
 * @param maxScore sum of the tests' points
 */
public record SuiteVersionView(
    String exerciseId, int version, Instant createdAt, String createdBy, int tests,
    double maxScore) {

  static SuiteVersionView from(SuiteVersion v, TestSuite suite) {
    return new SuiteVersionView(v.id.exerciseId().toString(), v.id.version(), v.createdAt,
        v.createdBy.toString(), suite.tests().size(), suite.maxScore());
  }
}
