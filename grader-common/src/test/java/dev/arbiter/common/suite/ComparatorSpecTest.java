package dev.arbiter.common.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ComparatorSpecTest {

  @Test
  void parsesTheFourContractComparators() {
    assertEquals(ComparatorSpec.Kind.EXACT, ComparatorSpec.parse("exact").kind());
    assertEquals(ComparatorSpec.Kind.EXACT, ComparatorSpec.parse(null).kind());
    assertEquals(ComparatorSpec.Kind.TRIM, ComparatorSpec.parse("trim").kind());
    assertEquals(ComparatorSpec.Kind.TOKENS, ComparatorSpec.parse("tokens").kind());
    assertEquals(1e-6, ComparatorSpec.parse("float:1e-6").epsilon());
  }

  @Test
  void rejectsUnknownOrNegativeOrNanEpsilon() {
    assertThrows(IllegalArgumentException.class, () -> ComparatorSpec.parse("regex"));
    assertThrows(IllegalArgumentException.class, () -> ComparatorSpec.parse("float:-1"));
    assertThrows(IllegalArgumentException.class, () -> ComparatorSpec.parse("float:NaN"));
    assertThrows(IllegalArgumentException.class, () -> ComparatorSpec.parse("float:x"));
  }
}
