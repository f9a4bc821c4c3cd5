package dev.arbiter.api.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradeCsvTest {

  @Test
  void formulaLeadersArePrefixedWithAnApostrophe() {
    assertEquals("'=1+2", GradeCsv.cell("=1+2"));
    assertEquals("'+cmd", GradeCsv.cell("+cmd"));
    assertEquals("'-2+3", GradeCsv.cell("-2+3"));
    assertEquals("'@SUM(A1)", GradeCsv.cell("@SUM(A1)"));
    assertEquals("'\tx", GradeCsv.cell("\tx"));
    assertEquals("\"'\rx\"", GradeCsv.cell("\rx"));
  }

  @Test
  void separatorsAndQuotesAreQuoted() {
    assertEquals("\"a,b\"", GradeCsv.cell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", GradeCsv.cell("say \"hi\""));
    assertEquals("\"two\nlines\"", GradeCsv.cell("two\nlines"));
    assertEquals("plain", GradeCsv.cell("plain"));
    assertEquals("", GradeCsv.cell(null));
  }

  @Test
  void rowsAreCommaSeparatedWithCrlf() {
    assertEquals("name,best\r\nada,5\r\n",
        GradeCsv.of(List.of("name", "best"), List.of(List.of("ada", "5"))));
  }

  @Test
  void negativeNumbersStayNumbers() {
    assertEquals("-1.5", GradeCsv.cell("-1.5"));
    assertEquals("-2", GradeCsv.cell("-2"));
  }
}
