package dev.arbiter.api.web.view;

/**
 * One of the viewer's own submissions.
 *
 * @param id submission id
 * @param status status word
 * @param score points, null until graded
 * @param maxScore points possible
 * @param suiteVersion suite version it ran
 * @param receivedAt ISO-8601 UTC
 */
public record HistoryRow(
    String id, String status, Double score, double maxScore, int suiteVersion, String receivedAt) {

  /** "1 / 2", or "– / 2" before grading. */
  public String scoreText() {
    return Points.format(score) + " / " + Points.format(maxScore);
  }
}
