package dev.arbiter.api.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.Visibility;
import java.util.List;

/**
 * Body of {@code PUT /api/v1/exercises/{exerciseId}/suite}, the contract's suite format. Optional
 * fields are boxed so that "missing" can take a default instead of silently becoming 0.
 *
 * @param entrypoint file run by io tests
 * @param tests in order
 */
public record PutSuite(String entrypoint, List<Test> tests) {

  /**
   * One test.
   *
   * @param points default 1
   * @param visibility default visible
   */
  public record Test(
      String name, TestKind kind, String stdin, String expectedStdout, String comparator,
      String module, String function, JsonNode args, JsonNode expected, Double points,
      Visibility visibility) {}
}
