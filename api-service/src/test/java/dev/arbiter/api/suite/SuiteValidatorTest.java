package dev.arbiter.api.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.problem.ProblemType;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.common.suite.Visibility;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuiteValidatorTest {

  private final SuiteValidator validator = new SuiteValidator(10_000, 3);

  private static PutSuite.Test io(String name, String comparator, Double points) {
    return new PutSuite.Test(name, TestKind.IO, "1\n", "2\n", comparator, null, null, null, null,
        points, null);
  }

  private static PutSuite.Test call(String module, String function) {
    return new PutSuite.Test("c", TestKind.CALL, null, null, null, module, function,
        JsonNodeFactory.instance.arrayNode().add(1), NullNode.instance, 2.0, Visibility.HIDDEN);
  }

  private ProblemType rejected(PutSuite suite) {
    return assertThrows(ProblemException.class, () -> validator.validate(suite)).type();
  }

  @Test
  void defaultsPointsVisibilityAndComparatorAndRoundTripsThroughTheWireModel() throws Exception {
    var valid = validator.validate(new PutSuite("main.py",
        List.of(io("a", null, null), io("b", " Float:1E-3 ", 0.5), call("pkg.mod", "f"))));

    TestSuite back = WireFormat.mapper().readValue(valid.json(), TestSuite.class);
    assertEquals(valid.suite(), back);
    assertEquals(1.0, back.tests().get(0).points());
    assertEquals(Visibility.VISIBLE, back.tests().get(0).visibility());
    assertEquals("exact", back.tests().get(0).comparator());
    assertEquals("float:0.001", back.tests().get(1).comparator());
    assertTrue(back.tests().get(2).expected().isNull(), "JSON null is a valid expected value");
    assertEquals(3.5, back.maxScore());
  }

  @Test
  void rejectsWhatTheWorkerCouldNotRun() {
    assertEquals(ProblemType.INVALID_REQUEST, rejected(new PutSuite("main.py", List.of())));
    assertEquals(ProblemType.INVALID_REQUEST, rejected(new PutSuite(null, List.of(io("a", null, 1.0)))));
    assertEquals(ProblemType.INVALID_REQUEST,
        rejected(new PutSuite("../m.py", List.of(io("a", null, 1.0)))));
    assertEquals(ProblemType.INVALID_REQUEST,
        rejected(new PutSuite("m.py", List.of(io("a", null, 1.0), io(" a ", null, 1.0)))));
    assertEquals(ProblemType.INVALID_REQUEST,
        rejected(new PutSuite("m.py", List.of(io("a", "float:-1", 1.0)))));
    assertEquals(ProblemType.INVALID_REQUEST,
        rejected(new PutSuite("m.py", List.of(io("a", null, Double.NaN)))));
    assertEquals(ProblemType.INVALID_REQUEST,
        rejected(new PutSuite("m.py", List.of(io("a", null, Double.POSITIVE_INFINITY)))));
    assertEquals(ProblemType.INVALID_REQUEST,
        rejected(new PutSuite("m.py", List.of(call("1mod", "f")))));
    assertEquals(ProblemType.INVALID_REQUEST,
        rejected(new PutSuite("m.py", List.of(call("mod", "f()")))));
    assertEquals(ProblemType.INVALID_REQUEST,
        rejected(new PutSuite("m.py", List.of(new PutSuite.Test("x", null, null, "", null, null,
            null, null, null, 1.0, null)))));
  }

  @Test
  void sizeAndCountLimitsAre413() {
    assertEquals(ProblemType.TOO_LARGE, rejected(new PutSuite("m.py",
        List.of(io("a", null, 1.0), io("b", null, 1.0), io("c", null, 1.0), io("d", null, 1.0)))));
    assertEquals(ProblemType.TOO_LARGE, rejected(new PutSuite("m.py",
        List.of(new PutSuite.Test("a", TestKind.IO, "x".repeat(10_000), "", null, null, null, null,
            null, 1.0, null)))));
  }
}
