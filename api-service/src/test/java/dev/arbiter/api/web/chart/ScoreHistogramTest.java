package dev.arbiter.api.web.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.api.web.chart.ScoreHistogram.Bin;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ScoreHistogramTest {

  @Test
  void smallIntegerMaximumGetsOneBarPerScore() {
    List<Bin> bins = ScoreHistogram.bins(List.of(0.0, 2.0, 2.0, 3.0), 3);
    assertEquals(List.of(new Bin(0, 0, 1), new Bin(1, 1, 0), new Bin(2, 2, 2), new Bin(3, 3, 1)),
        bins);
  }

  @Test
  void fractionalScoresFallIntoTenRangesAndTheMaximumIntoTheLast() {
    List<Bin> bins = ScoreHistogram.bins(List.of(0.0, 0.5, 9.99, 10.0, 4.2), 10.0 + 0.0);
    // 0.5 and 4.2 are not integers, so ranges are used even though the maximum is a small integer.
    assertEquals(10, bins.size());
    assertEquals(2, bins.get(0).count());
    assertEquals(1, bins.get(4).count());
    assertEquals(2, bins.get(9).count());
    assertEquals(5, bins.stream().mapToInt(Bin::count).sum());
  }

  @Test
  void outOfRangeScoresAreClampedSoEveryStudentIsCountedOnce() {
    List<Bin> bins = ScoreHistogram.bins(List.of(-1.0, 7.0), 5);
    assertEquals(1, bins.get(0).count());
    assertEquals(1, bins.get(5).count());
  }

  @Test
  void svgIsWellFormedWithOneLabelledBarPerBin() throws Exception {
    SvgDocument svg = new SvgDocument(ScoreHistogram.svg(List.of(1.0, 2.0, 2.0), 2));
    Element root = svg.doc.getDocumentElement();
    assertEquals("img", root.getAttribute("role"));
    assertTrue(root.getAttribute("aria-label").contains("3 students"));
    List<Element> bars = svg.withClass("g", "bar");
    assertEquals(3, bars.size());
    assertEquals("score 2: 2 students", bars.get(2).getElementsByTagNameNS("*", "title").item(0)
        .getTextContent());
    // the tallest bar spans the plot; an empty bin has zero height
    double tallest = Double.parseDouble(svg.all("rect").get(2).getAttribute("height"));
    assertEquals(0.0, Double.parseDouble(svg.all("rect").get(0).getAttribute("height")));
    assertTrue(tallest > 100);
  }

  @Test
  void noStudentsStillDrawsAnEmptyChart() throws Exception {
    SvgDocument svg = new SvgDocument(ScoreHistogram.svg(List.of(), 4));
    assertEquals(5, svg.withClass("g", "bar").size());
    assertTrue(svg.withClass("text", "count").isEmpty());
  }

  @Test
  void zeroMaximumPutsEveryoneInOneBin() {
    assertEquals(List.of(new Bin(0, 0, 2)), ScoreHistogram.bins(List.of(0.0, 0.0), 0));
  }
}
