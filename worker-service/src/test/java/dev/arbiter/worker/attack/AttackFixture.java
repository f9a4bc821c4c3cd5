package dev.arbiter.worker.attack;

import static dev.arbiter.worker.attack.GradedRun.call;
import static dev.arbiter.worker.attack.GradedRun.io;
import static dev.arbiter.worker.attack.GradedRun.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.common.status.RunLimits;
import dev.arbiter.common.status.TestStatus;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.worker.launch.OciRunLauncher;
import dev.arbiter.worker.launch.SandboxFailure;
import dev.arbiter.worker.launch.SandboxFixture;
import dev.arbiter.worker.launch.SandboxLimits;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * What every attack class shares: a real runc launcher with test-local state, grading through
 * {@link GradedRun}, and the rule that after every attack an honest submission still grades with
 * full score — no attack may leave the grader worse off for the next student.
 *
 * <p>Suites are written from the attacker's side: the expected value is what the attacker would
 * have to produce to win, so PASSED on an attack test would mean a hole.
 */
abstract class AttackFixture {

  static final SandboxFixture SANDBOX = new SandboxFixture();
  static final RunLimits LIMITS = SandboxFixture.FAST_LIMITS;

  static final String HONEST = """
      def add(a, b):
          return a + b

      if __name__ == "__main__":
          print(add(*map(int, input().split())))
      """;

  static OciRunLauncher launcher() {
    return SANDBOX.launcher();
  }

  static GradedRun grade(TestSuite suite, String mainPy) throws SandboxFailure {
    return GradedRun.grade(launcher(), suite, mainPy, LIMITS);
  }

  static GradedRun grade(TestSuite suite, String mainPy, SandboxLimits limits)
      throws SandboxFailure {
    return GradedRun.grade(launcher(), suite, Map.of("main.py", mainPy), limits);
  }

  @AfterEach
  void anHonestSubmissionStillGradesWithFullScore() throws Exception {
    GradedRun honest = grade(suite(io("adds", "2 3\n", "5\n"), call("adds", "add", "[-2, -3]", "-5")),
        HONEST);

    assertEquals(List.of(TestStatus.PASSED, TestStatus.PASSED),
        honest.outcomes().stream().map(o -> o.status()).toList(), honest.everythingVisible());
    assertEquals(2.0, honest.score());
  }

  @AfterAll
  static void noSandboxIsLeftBehind() throws IOException {
    assertEquals(List.of(), SANDBOX.leftovers());
  }
}
