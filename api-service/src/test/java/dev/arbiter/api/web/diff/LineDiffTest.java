package dev.arbiter.api.web.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.api.web.diff.LineDiff.Line;
import dev.arbiter.api.web.diff.LineDiff.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {

  @Test
  void identicalOutputsHaveNoDifference() {
    List<Line> diff = LineDiff.of("1\n2\n", "1\n2\n");
    assertEquals(List.of(new Line(Op.SAME, 1, 1, "1"), new Line(Op.SAME, 2, 2, "2")), diff);
    assertFalse(LineDiff.differs(diff));
  }

  @Test
  void aWrongLineShowsAsRemovedExpectedAndAddedActual() {
    List<Line> diff = LineDiff.of("a\nb\nc\n", "a\nX\nc\n");
    assertEquals(
        List.of(
            new Line(Op.SAME, 1, 1, "a"),
            new Line(Op.REMOVED, 2, 0, "b"),
            new Line(Op.ADDED, 0, 2, "X"),
            new Line(Op.SAME, 3, 3, "c")),
        diff);
    assertTrue(LineDiff.differs(diff));
  }

  @Test
  void anExtraLineInTheMiddleKeepsTheRestAligned() {
    List<Line> diff = LineDiff.of("a\nb\n", "a\nextra\nb\n");
    assertEquals(
        List.of(
            new Line(Op.SAME, 1, 1, "a"),
            new Line(Op.ADDED, 0, 2, "extra"),
            new Line(Op.SAME, 2, 3, "b")),
        diff);
  }

  @Test
  void aMissingFinalNewlineIsVisible() {
    List<Line> diff = LineDiff.of("5\n", "5");
    assertEquals(
        List.of(new Line(Op.REMOVED, 1, 0, "5"), new Line(Op.ADDED, 0, 1, "5" + LineDiff.NO_NEWLINE)),
        diff);
  }

  @Test
  void trailingWhitespaceAndCarriageReturnsAreVisible() {
    assertEquals(List.of("x··", "y→", "z␍", "a b"), LineDiff.lines("x  \ny\t\nz\r\na b\n"));
  }

  @Test
  void emptyAndNullOutputsAreEmpty() {
    assertEquals(List.of(new Line(Op.REMOVED, 1, 0, "5")), LineDiff.of("5\n", null));
    assertEquals(List.of(), LineDiff.of("", ""));
  }

  @Test
  void aHugeOutputFallsBackToWholeRemovalAndAdditionInsteadOfAQuadraticTable() {
    String many = "x\n".repeat(3000);
    String other = "y\n".repeat(3000);
    List<Line> diff = LineDiff.of(many, other);
    assertEquals(6000, diff.size());
    assertEquals(Op.REMOVED, diff.get(0).op());
    assertEquals(Op.ADDED, diff.get(5999).op());
  }
}
