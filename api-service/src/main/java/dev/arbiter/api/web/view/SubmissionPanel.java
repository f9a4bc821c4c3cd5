package dev.arbiter.api.web.view;

import java.util.List;
import java.util.Map;

/**
 * A submission's live panel: status, queue position, score and per-test results. The same
 * template renders it inside the submission page and as the fragment the page's script swaps in.
 *
 * @param id submission id
 * @param exerciseId its exercise
 * @param status QUEUED, RUNNING, GRADED or FAILED_INFRA
 * @param suiteVersion the suite version it runs against
 * @param score points earned, when graded
 * @param maxScore points possible
 * @param receivedAt ISO-8601 UTC
 * @param gradedAt ISO-8601 UTC or null
 * @param position 1-based place in the queue, 0 when not queued
 * @param etaSeconds estimated wait, 0 when unknown
 * @param tests results in suite order
 * @param infraReason staff only: why the platform failed
 * @param files staff (and author) view of the submitted files, name → content; may be empty
 * @param authorName who submitted (shown to staff)
 * @param path where the panel, its status and its page live: /submissions/ID or /dry-runs/ID
 * @param title heading of the panel
 */
public record SubmissionPanel(
    String path,
    String title,
    String id,
    String exerciseId,
    String status,
    int suiteVersion,
    Double score,
    double maxScore,
    String receivedAt,
    String gradedAt,
    long position,
    long etaSeconds,
    List<TestResultView> tests,
    String infraReason,
    Map<String, String> files,
    String authorName) {

  public boolean isFinal() {
    return "GRADED".equals(status) || "FAILED_INFRA".equals(status);
  }

  public String statusLabel() {
    return switch (status) {
      case "QUEUED" -> "Queued";
      case "RUNNING" -> "Running";
      case "GRADED" -> "Graded";
      case "FAILED_INFRA" -> "Could not be graded";
      default -> status;
    };
  }

  /** "1 / 2"; "– / 2" when there is no score. */
  public String scoreText() {
    return Points.format(score) + " / " + Points.format(maxScore);
  }

  public long passedCount() {
    return tests.stream().filter(TestResultView::passed).count();
  }
}
