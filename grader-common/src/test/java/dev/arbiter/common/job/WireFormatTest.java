package dev.arbiter.common.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.common.status.RunLimits;
import dev.arbiter.common.status.SubmissionStatus;
import dev.arbiter.common.status.TestStatus;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.common.suite.Visibility;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  private final ObjectMapper mapper = WireFormat.mapper();

  @Test
  void jobRoundTripsWithContractSpelling() throws Exception {
    var call =
        new TestCase("adds negatives", TestKind.CALL, null, null, null, "main", "add",
            mapper.readTree("[-2,-3]"), mapper.readTree("-5"), 1, Visibility.HIDDEN);
    var job =
        new GradingJobRequested("e1", GradingJobRequested.SCHEMA_VERSION, "s1", "x1", "c1", 3,
            "python3", JobPurpose.SUBMISSION, RunLimits.DEFAULTS, Map.of("main.py", "print(1)"),
            new TestSuite("main.py", List.of(call)), Instant.parse("2026-01-02T03:04:05Z"));

    String json = mapper.writeValueAsString(job);

    assertEquals(job, mapper.readValue(json, GradingJobRequested.class));
    var tree = mapper.readTree(json);
    assertEquals("call", tree.at("/suite/tests/0/kind").asText());
    assertEquals("hidden", tree.at("/suite/tests/0/visibility").asText());
    assertEquals("2026-01-02T03:04:05Z", tree.get("requestedAt").asText());
  }

  @Test
  void resultEventsCarryTheirTypeName() throws Exception {
    var done =
        new GradingJobCompleted("r1", 1, "e1", "s1", 3, SubmissionStatus.GRADED,
            List.of(new TestOutcome("t", TestStatus.PASSED, 1, 1, 12, "5\n", "", null, null)),
            null, "w1", 1, Instant.EPOCH, Instant.EPOCH);

    String json = mapper.writeValueAsString((GradingResultEvent) done);

    assertEquals("GradingJobCompleted", mapper.readTree(json).get("type").asText());
    var back = assertInstanceOf(GradingJobCompleted.class,
        mapper.readValue(json, GradingResultEvent.class));
    assertEquals(1.0, back.score());
    assertNull(mapper.readTree(json).at("/tests/0/actual").textValue());
  }

  @Test
  void sandboxInputNeverCarriesExpectedValues() throws Exception {
    var io = new TestCase("io", TestKind.IO, "2 3\n", "5\n", "exact", null, null, null, null, 1,
        Visibility.VISIBLE);

    String json = mapper.writeValueAsString(io.sandboxInput());

    assertEquals(-1, json.indexOf("5\\n"), json);
    assertEquals("2 3\n", mapper.readTree(json).get("stdin").asText());
  }
}
