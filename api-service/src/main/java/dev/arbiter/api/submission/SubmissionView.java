package dev.arbiter.api.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.arbiter.common.status.SubmissionStatus;
import dev.arbiter.common.status.TestStatus;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.common.suite.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A submission as its reader may see it (the contract's shape plus additive fields). For an author
 * who is not staff, hidden tests carry only name, status, score and maxScore: their input,
 * expected value and output never leave the service. Staff see everything, including why the
 * platform failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmissionView(
    String id, String exerciseId, String userId, int suiteVersion, SubmissionStatus status,
    Double score, double maxScore, Instant receivedAt, Instant startedAt, Instant gradedAt,
    String infraReason, Integer attempts, Map<String, String> files, List<Test> tests,
    Long queuePosition, Long etaSeconds) {

  /**
   * The same view with its place in the queue (only while QUEUED): {@code queuePosition} 1 is
   * next to start; {@code etaSeconds} estimates the wait for a grade from the measured recent
   * throughput, absent while nothing was graded recently.
   */
  SubmissionView inQueue(long position, Long eta) {
    return new SubmissionView(id, exerciseId, userId, suiteVersion, status, score, maxScore,
        receivedAt, startedAt, gradedAt, infraReason, attempts, files, tests, position, eta);
  }

  /**
   * One suite test and its verdict (absent until graded).
   *
   * @param input io: stdin; call: the args array (visible tests, or staff)
   * @param expected io: expected stdout; call: the expected value (visible tests, or staff)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Test(
      String name, Visibility visibility, TestKind kind, TestStatus status, Double score,
      double maxScore, Long timeMs, String output, String stderr, String actual, String message,
      JsonNode input, JsonNode expected) {}

  static SubmissionView of(Submission s, TestSuite suite, List<TestResult> results,
      Map<String, String> files, boolean staff) {
    List<Test> tests = new ArrayList<>(suite.tests().size());
    for (int i = 0; i < suite.tests().size(); i++) {
      TestCase c = suite.tests().get(i);
      TestResult r = i < results.size() && results.get(i).id.ordinal() == i ? results.get(i) : null;
      tests.add(test(c, r, staff));
    }
    return new SubmissionView(s.id.toString(), s.exerciseId.toString(), s.userId.toString(),
        s.suiteVersion, s.status, s.score, s.maxScore, s.receivedAt, s.startedAt, s.gradedAt,
        staff ? s.infraReason : null, staff ? s.attempts : null, files, List.copyOf(tests),
        null, null);
  }

  private static Test test(TestCase c, TestResult r, boolean staff) {
    TestStatus status = r == null ? null : r.status;
    Double score = r == null ? null : r.score;
    if (c.hidden() && !staff) {
      return new Test(c.name(), c.visibility(), null, status, score, c.points(), null, null, null,
          null, null, null, null);
    }
    JsonNode input = c.kind() == TestKind.IO ? TextNode.valueOf(c.stdin()) : c.args();
    JsonNode expected = c.kind() == TestKind.IO ? TextNode.valueOf(c.expectedStdout())
        : c.expected();
    return new Test(c.name(), c.visibility(), c.kind(), status, score, c.points(),
        r == null ? null : r.timeMs, r == null ? null : r.output, r == null ? null : r.stderr,
        r == null ? null : r.actual, r == null ? null : r.message, input, expected);
  }
}
