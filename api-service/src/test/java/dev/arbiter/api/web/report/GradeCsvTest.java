package dev.arbiter.api.web.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradeCsvTest {

  @Test
  void rowsAreCommaSeparatedWithCrlf() {
    assertEquals("name,best\r\nada,5\r\n",
        GradeCsv.of(List.of("name", "best"), List.of(List.of("ada", "5"))));
  }

  @Test
  void quotesCommasQuotesAndNewlines() {
    assertEquals("\"Lovelace, Ada\"", GradeCsv.cell("Lovelace, Ada"));
    assertEquals("\"say \"\"hi\"\"\"", GradeCsv.cell("say \"hi\""));
    assertEquals("\"a\nb\"", GradeCsv.cell("a\nb"));
  }

  @Test
  void formulaLookingCellsAreDefused() {
    assertEquals("\"'=HYPERLINK(\"\"x\"\")\"",
        GradeCsv.cell("=HYPERLINK(\"x\")"));
    assertEquals("'+1+2", GradeCsv.cell("+1+2"));
    assertEquals("'@SUM(A1)", GradeCsv.cell("@SUM(A1)"));
    assertEquals("'-2+3", GradeCsv.cell("-2+3"));
  }

  @Test
  void negativeNumbersStayNumbers() {
    assertEquals("-1.5", GradeCsv.cell("-1.5"));
    assertEquals("", GradeCsv.cell(null));
  }
}
