package dev.arbiter.api.web.view;

import java.util.List;

/**
 * Progress and effect of "regrade all on version N".
 *
 * @param id regrade id
 * @param fromVersions suite versions the regraded submissions had run
 * @param toVersion the new suite version
 * @param total submissions regraded
 * @param done how many are graded again
 * @param changes per-student score changes, graded ones only
 * @param startedAt ISO-8601 UTC
 */
public record RegradeView(
    String id, String fromVersions, int toVersion, int total, int done, List<Change> changes,
    String startedAt) {

  public boolean finished() {
    return done >= total;
  }

  public long changedCount() {
    return changes.stream().filter(c -> c.changed()).count();
  }

  /**
   * One regraded submission.
   *
   * @param submissionId the original submission
   * @param studentName its author
   * @param before score before
   * @param after score after, null until graded
   * @param maxBefore max score before
   * @param maxAfter max score after
   */
  public record Change(String submissionId, String studentName, Double before, Double after,
      double maxBefore, double maxAfter) {

    public String beforeText() {
      return Points.format(before) + " / " + Points.format(maxBefore);
    }

    public String afterText() {
      return Points.format(after) + " / " + Points.format(maxAfter);
    }

    public boolean changed() {
      return after != null && (before == null || Math.abs(after - before) > 1e-9
          || Math.abs(maxAfter - maxBefore) > 1e-9);
    }

    /**
     * "up", "down", "same" or "pending", by share of the maximum: 2 of 2 before and 2 of 4 after
     * is lower, even though the points are equal.
     */
    public String direction() {
      if (after == null) {
        return "pending";
      }
      if (before == null) {
        return "up";
      }
      double was = maxBefore > 0 ? before / maxBefore : before;
      double now = maxAfter > 0 ? after / maxAfter : after;
      if (Math.abs(now - was) <= 1e-9) {
        return "same";
      }
      return now > was ? "up" : "down";
    }
  }
}
