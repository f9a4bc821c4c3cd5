package dev.arbiter.worker.judge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.common.suite.ComparatorSpec;
import org.junit.jupiter.api.Test;

class OutputComparatorTest {

  private static boolean m(String spec, String expected, String actual) {
    return OutputComparator.matches(ComparatorSpec.parse(spec), expected, actual);
  }

  @Test
  void exactIsByteForByte() {
    assertTrue(m("exact", "5\n", "5\n"));
    assertFalse(m("exact", "5\n", "5"));
    assertFalse(m("exact", "5\n", "5 \n"));
  }

  @Test
  void trimIgnoresOnlyLeadingAndTrailingWhitespaceOfTheWholeOutput() {
    assertTrue(m("trim", "a b\n", "  a b  \n\n"));
    assertFalse(m("trim", "a b", "a  b"));
  }

  @Test
  void tokensIgnoreAllWhitespaceLayout() {
    assertTrue(m("tokens", "1 2\n3", "1\n2   3\n"));
    assertFalse(m("tokens", "1 2 3", "1 2"));
    assertTrue(m("tokens", "", "  \n"));
  }

  @Test
  void floatComparesNumbersWithinAbsoluteOrRelativeEpsilon() {
    assertTrue(m("float:1e-6", "0.3", "0.30000000000000004"));
    assertTrue(m("float:1e-6", "1000000", "1000000.5"));
    assertFalse(m("float:1e-6", "0.3", "0.31"));
    assertTrue(m("float:1e-3", "x = 1.0", "x = 1.0004"));
    assertFalse(m("float:1e-3", "x = 1.0", "y = 1.0"));
    assertFalse(m("float:1e-3", "nan", "1.0"));
  }
}
