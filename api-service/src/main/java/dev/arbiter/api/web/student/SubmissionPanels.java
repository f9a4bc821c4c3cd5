package dev.arbiter.api.web.student;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.course.CourseAccess;
import dev.arbiter.api.exercise.ExerciseService;
import dev.arbiter.api.exercise.ExerciseView;
import dev.arbiter.api.submission.SubmissionService;
import dev.arbiter.api.submission.SubmissionView;
import dev.arbiter.api.user.UserRepository;
import dev.arbiter.api.web.TestResultViews;
import dev.arbiter.api.web.diff.LineDiff;
import dev.arbiter.api.web.instructor.DryRuns;
import dev.arbiter.api.web.view.SubmissionPanel;
import dev.arbiter.api.web.view.TestResultView;
import dev.arbiter.common.status.SubmissionStatus;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.Visibility;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds a submission's panel from the core's {@link SubmissionView} (which already withholds
 * hidden tests from students) and a dry run's from its stored verdicts.
 */
@ApplicationScoped
public class SubmissionPanels {

  private final SubmissionService submissions;
  private final ExerciseService exercises;
  private final CourseAccess access;
  private final UserRepository users;
  private final QueueEstimates queue;

  SubmissionPanels(SubmissionService submissions, ExerciseService exercises, CourseAccess access,
      UserRepository users, QueueEstimates queue) {
    this.submissions = submissions;
    this.exercises = exercises;
    this.access = access;
    this.users = users;
    this.queue = queue;
  }

  /**
   * A panel and the title of its exercise.
   *
   * @param panel the panel
   * @param exercise the exercise it belongs to
   */
  public record Shown(SubmissionPanel panel, ExerciseView exercise) {}

  @Transactional
  public Shown submission(Caller caller, UUID submissionId) {
    SubmissionView s = submissions.get(caller, submissionId);
    ExerciseView ex = exercises.get(caller, UUID.fromString(s.exerciseId()));
    boolean staff = access.isStaff(caller, UUID.fromString(ex.courseId()));
    QueueEstimates.Estimate est = inQueue(s);
    String author = staff ? users.findByIdOptional(UUID.fromString(s.userId()))
        .map(u -> u.name).orElse(null) : null;
    List<TestResultView> tests = new ArrayList<>();
    for (SubmissionView.Test t : s.tests()) {
      tests.add(row(t, staff));
    }
    SubmissionPanel panel = new SubmissionPanel("/submissions/" + s.id(), "Submission", s.id(),
        s.exerciseId(), s.status().name(), s.suiteVersion(), s.score(), s.maxScore(),
        iso(s.receivedAt()), iso(s.gradedAt()), est.position(), est.etaSeconds(),
        List.copyOf(tests), staff ? s.infraReason() : null,
        s.files() == null ? Map.of() : s.files(), author);
    return new Shown(panel, ex);
  }

  @Transactional
  public LiveStatus status(Caller caller, UUID submissionId) {
    SubmissionView s = submissions.get(caller, submissionId);
    QueueEstimates.Estimate est = inQueue(s);
    return new LiveStatus(s.status().name(), s.status().isFinal(), est.position(),
        est.etaSeconds());
  }

  /** A dry run's panel: the instructor sees every test in full. */
  public SubmissionPanel dryRun(DryRuns.Found found) {
    var run = found.run();
    List<TestResultView> tests = TestResultViews.of(found.suite(), found.outcomes(), true);
    QueueEstimates.Estimate est = run.status == SubmissionStatus.QUEUED
        ? queue.of(run.createdAt) : new QueueEstimates.Estimate(0, 0);
    return new SubmissionPanel("/dry-runs/" + run.id, "Dry run", run.id.toString(),
        run.exerciseId.toString(), run.status.name(), 0, run.score, run.maxScore,
        iso(run.createdAt), iso(run.gradedAt), est.position(), est.etaSeconds(), tests,
        run.infraReason, Map.of(), null);
  }

  /** The core's place in the (fair) queue and its throughput-based estimate; 0 = none. */
  private static QueueEstimates.Estimate inQueue(SubmissionView s) {
    return s.queuePosition() == null ? new QueueEstimates.Estimate(0, 0)
        : new QueueEstimates.Estimate(s.queuePosition(),
            s.etaSeconds() == null ? 0 : s.etaSeconds());
  }

  /** The core's test view as a page row; redacted exactly when the core redacted it. */
  static TestResultView row(SubmissionView.Test t, boolean staff) {
    boolean hidden = t.visibility() == Visibility.HIDDEN;
    boolean redacted = hidden && !staff;
    String status = t.status() == null ? null : t.status().name();
    double score = t.score() == null ? 0 : t.score();
    if (redacted) {
      return new TestResultView(t.name(), status, score, t.maxScore(), null, true, true, null,
          null, null, null, null, List.of(), t.kind() == TestKind.CALL, null);
    }
    boolean call = t.kind() == TestKind.CALL;
    String input = text(t.input(), call);
    String expected = text(t.expected(), call);
    String actual = call ? t.actual() : t.output();
    List<LineDiff.Line> diff = !call && status != null && !"PASSED".equals(status)
        ? LineDiff.of(expected, actual) : List.of();
    return new TestResultView(t.name(), status, score, t.maxScore(), t.timeMs(), hidden, false,
        input, expected, actual, blank(t.stderr()), blank(t.message()), diff, call,
        call ? blank(t.output()) : null);
  }

  private static String text(JsonNode node, boolean call) {
    if (node == null || node.isNull()) {
      return "";
    }
    if (call && node.isArray()) {
      List<String> parts = new ArrayList<>();
      node.forEach(a -> parts.add(a.toString()));
      return String.join(", ", parts);
    }
    return node.isTextual() ? node.asText() : node.toString();
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static String iso(java.time.Instant t) {
    return t == null ? null : t.toString();
  }
}
