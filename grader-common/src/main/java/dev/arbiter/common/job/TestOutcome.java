package dev.arbiter.common.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.arbiter.common.status.TestStatus;

/**
 * The judged result of one test. Output fields hold at most the exercise's {@code outputKb}
 * bytes each, as UTF-8 with invalid bytes replaced; api-service decides who may see them.
 *
 * @param name the suite's test name
 * @param status the verdict
 * @param score points earned
 * @param maxScore the test's points
 * @param timeMs wall time of the test's run
 * @param output captured stdout
 * @param stderr captured stderr
 * @param actual call tests: the JSON-encoded return value; null otherwise
 * @param message short human reason (e.g. "exit code 1", "killed by signal 9"); never expected values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestOutcome(
    String name,
    TestStatus status,
    double score,
    double maxScore,
    long timeMs,
    String output,
    String stderr,
    String actual,
    String message) {}
