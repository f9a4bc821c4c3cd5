package dev.arbiter.api.web.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.api.web.chart.PassRateChart.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassRateChartTest {

  @Test
  void barWidthIsProportionalToThePassRate() throws Exception {
    SvgDocument svg = new SvgDocument(PassRateChart.svg(List.of(
        new Row("adds", 3, 4), new Row("negatives", 0, 4), new Row("all", 4, 4))));
    var fills = svg.withClass("rect", "fill");
    var track = Double.parseDouble(svg.withClass("rect", "track").get(0).getAttribute("width"));
    assertEquals(3, fills.size());
    assertEquals(track * 0.75, Double.parseDouble(fills.get(0).getAttribute("width")), 0.01);
    assertEquals(0.0, Double.parseDouble(fills.get(1).getAttribute("width")));
    assertEquals(track, Double.parseDouble(fills.get(2).getAttribute("width")), 0.01);
    assertEquals("75 %", svg.withClass("text", "pct").get(0).getTextContent());
  }

  @Test
  void aTestWithoutRunsSaysSoInsteadOfZeroPercent() throws Exception {
    SvgDocument svg = new SvgDocument(PassRateChart.svg(List.of(new Row("new test", 0, 0))));
    assertEquals("no runs", svg.withClass("text", "pct").get(0).getTextContent());
  }

  @Test
  void instructorTestNamesAreEscapedAndLongOnesShortened() throws Exception {
    String evil = "<script>alert(1)</script> & a very long name that goes on";
    String raw = PassRateChart.svg(List.of(new Row(evil, 1, 2)));
    assertFalse(raw.contains("<script>"));
    SvgDocument svg = new SvgDocument(raw);
    String shown = svg.withClass("text", "name").get(0).getTextContent();
    assertEquals(PassRateChart.MAX_LABEL_CHARS, shown.length());
    assertTrue(shown.endsWith("…"));
    // the full name stays available in the row's tooltip
    assertTrue(svg.all("title").get(1).getTextContent().startsWith(evil));
  }
}
