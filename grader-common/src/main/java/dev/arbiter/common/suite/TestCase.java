package dev.arbiter.common.suite;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One test of a suite, in the contract's JSON shape. It holds expected values, so it travels only
 * between trusted parties (api-service, Kafka, the worker's judge); the sandbox gets a {@link
 * #sandboxInput() projection} with inputs only.
 *
 * @param name shown to everyone, unique in the suite
 * @param kind io or call
 * @param stdin io: standard input of the entrypoint
 * @param expectedStdout io: what stdout must match under {@code comparator}
 * @param comparator io: exact | trim | tokens | float:EPS (default exact)
 * @param module call: module to import fresh, e.g. {@code main}
 * @param function call: function to call
 * @param args call: JSON array of positional arguments
 * @param expected call: the JSON value the result must equal
 * @param points score of this test when passed
 * @param visibility visible or hidden
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestCase(
    String name,
    TestKind kind,
    String stdin,
    String expectedStdout,
    String comparator,
    String module,
    String function,
    JsonNode args,
    JsonNode expected,
    double points,
    Visibility visibility) {

  public boolean hidden() {
    return visibility == Visibility.HIDDEN;
  }

  /** What the sandbox may see of this test: never an expected value. */
  public SandboxInput sandboxInput() {
    return new SandboxInput(name, kind, kind == TestKind.IO ? (stdin == null ? "" : stdin) : null,
        module, function, args);
  }

  /**
   * The inputs of one test, the only part of a test that enters a sandbox.
   *
   * @param name test name, for logs only
   * @param kind io or call
   * @param stdin io: standard input
   * @param module call: module to import
   * @param function call: function name
   * @param args call: JSON array
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SandboxInput(
      String name, TestKind kind, String stdin, String module, String function, JsonNode args) {}
}
