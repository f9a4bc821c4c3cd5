package dev.arbiter.api.suite;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.common.suite.Visibility;
import java.time.Instant;
import java.util.List;

/**
 * A suite version as a reader may see it. Staff see every field; students see hidden tests as
 * name, kind and points only, so the inputs and expected values of hidden tests never leave the
 * service for them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuiteView(
    String exerciseId, int version, Instant createdAt, String entrypoint, double maxScore,
    List<Test> tests) {

  /** One test; fields a reader may not see are absent. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Test(
      String name, TestKind kind, Visibility visibility, double points, String stdin,
      String expectedStdout, String comparator, String module, String function, JsonNode args,
      JsonNode expected) {

    static Test from(TestCase c, boolean staff) {
      if (c.hidden() && !staff) {
        return new Test(c.name(), c.kind(), c.visibility(), c.points(), null, null, null, null,
            null, null, null);
      }
      return new Test(c.name(), c.kind(), c.visibility(), c.points(), c.stdin(),
          c.expectedStdout(), c.comparator(), c.module(), c.function(), c.args(), c.expected());
    }
  }

  static SuiteView from(SuiteVersion v, TestSuite suite, boolean staff) {
    return new SuiteView(v.id.exerciseId().toString(), v.id.version(), v.createdAt,
        suite.entrypoint(), suite.maxScore(),
        suite.tests().stream().map(t -> Test.from(t, staff)).toList());
  }
}
