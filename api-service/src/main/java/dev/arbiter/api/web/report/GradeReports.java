package dev.arbiter.api.web.report;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.course.CourseRole;
import dev.arbiter.api.course.CourseService;
import dev.arbiter.api.course.CourseView;
import dev.arbiter.api.course.MemberView;
import dev.arbiter.api.exercise.ExerciseService;
import dev.arbiter.api.exercise.ExerciseView;
import dev.arbiter.api.lti.ags.PassbackService;
import dev.arbiter.api.lti.ags.PassbackView;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.suite.SuiteService;
import dev.arbiter.api.suite.SuiteView;
import dev.arbiter.api.web.chart.PassRateChart;
import dev.arbiter.api.web.instructor.Regrades;
import dev.arbiter.api.web.view.Points;
import dev.arbiter.common.job.JobPurpose;
import dev.arbiter.common.status.SubmissionStatus;
import dev.arbiter.common.status.TestStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The numbers behind the grade report pages, for course staff (TA or above; the core's access
 * rules decide, through {@link CourseService#members} and {@link ExerciseService#get}).
 *
 * <p>Reads only the columns a report needs (never submitted files) in a few set queries, so a
 * course of thousands of students costs the same handful of queries. A submission that a regrade
 * re-ran counts at its regraded score once that is graded; regrade and dry-run jobs are not
 * attempts.
 */
@ApplicationScoped
public class GradeReports {

  private final CourseService courses;
  private final ExerciseService exercises;
  private final SuiteService suites;
  private final Regrades regrades;
  private final PassbackService passbacks;
  private final EntityManager em;

  GradeReports(CourseService courses, ExerciseService exercises, SuiteService suites,
      Regrades regrades, PassbackService passbacks, EntityManager em) {
    this.courses = courses;
    this.exercises = exercises;
    this.suites = suites;
    this.regrades = regrades;
    this.passbacks = passbacks;
    this.em = em;
  }

  /**
   * One exercise's report.
   *
   * @param exercise the exercise
   * @param course its course
   * @param maxScore points of the current suite version (0 without one)
   * @param students one row per student of the course
   * @param passRates per test of the current version, over students' latest graded submissions
   *     on that version
   */
  public record ExerciseReport(ExerciseView exercise, CourseView course, double maxScore,
      List<StudentGrades> students, List<PassRateChart.Row> passRates) {}

  /**
   * A course's report.
   *
   * @param course the course
   * @param exercises its exercises, in course order
   * @param maxScore sum of the exercises' maxima
   * @param students rows with {@code perExercise} best scores and their sum in {@code best}
   */
  public record CourseReport(CourseView course, List<ExerciseView> exercises, double maxScore,
      List<StudentGrades> students) {}

  @Transactional
  public ExerciseReport exercise(Caller caller, UUID exerciseId) {
    ExerciseView ex = exercises.get(caller, exerciseId);
    CourseView course = courses.get(caller, UUID.fromString(ex.courseId()));
    List<MemberView> students = students(caller, course);
    SuiteView suite = ex.suiteVersion() == null ? null : suites.current(caller, exerciseId);
    Map<UUID, List<Attempt>> attempts = attempts(exerciseId);
    Map<String, String> passback = passbackStates(caller, exerciseId);
    List<StudentGrades> rows = new ArrayList<>();
    List<UUID> latestOnCurrent = new ArrayList<>();
    for (MemberView m : students) {
      List<Attempt> mine = attempts.getOrDefault(UUID.fromString(m.userId()), List.of());
      rows.add(grades(m, mine, passback.get(m.userId())));
      mine.stream().filter(a -> a.graded() && suite != null && a.version == suite.version())
          .reduce((a, b) -> b).ifPresent(a -> latestOnCurrent.add(a.gradedId));
    }
    List<PassRateChart.Row> passRates = suite == null ? List.of() : passRates(suite, latestOnCurrent);
    return new ExerciseReport(ex, course, suite == null ? 0 : suite.maxScore(), rows, passRates);
  }

  @Transactional
  public CourseReport course(Caller caller, UUID courseId) {
    CourseView course = courses.get(caller, courseId);
    List<MemberView> students = students(caller, course);
    List<ExerciseView> list = exercises.list(caller, courseId);
    Map<UUID, Map<String, Double>> best = new HashMap<>();
    Map<UUID, int[]> attemptCounts = new HashMap<>();
    Map<UUID, Instant> last = new HashMap<>();
    double max = 0;
    for (ExerciseView ex : list) {
      if (ex.suiteVersion() != null) {
        max += suites.current(caller, UUID.fromString(ex.id())).maxScore();
      }
      attempts(UUID.fromString(ex.id())).forEach((user, mine) -> {
        attemptCounts.computeIfAbsent(user, u -> new int[1])[0] += mine.size();
        mine.forEach(a -> last.merge(user, a.receivedAt, (x, y) -> x.isAfter(y) ? x : y));
        mine.stream().filter(Attempt::graded).mapToDouble(a -> a.score).max().ifPresent(b ->
            best.computeIfAbsent(user, u -> new LinkedHashMap<>()).put(ex.id(), b));
      });
    }
    List<StudentGrades> rows = new ArrayList<>();
    for (MemberView m : students) {
      UUID id = UUID.fromString(m.userId());
      Map<String, Double> per = best.getOrDefault(id, Map.of());
      Double total = per.isEmpty() ? null : per.values().stream().mapToDouble(d -> d).sum();
      int n = attemptCounts.getOrDefault(id, new int[1])[0];
      rows.add(new StudentGrades(m.userId(), m.name(), m.email(), total, null, n, last.get(id),
          null, null, per));
    }
    return new CourseReport(course, list, max, rows);
  }

  /** Each student's state with the LMS gradebook(s) of an exercise used through LTI. */
  private Map<String, String> passbackStates(Caller caller, UUID exerciseId) {
    Map<String, String> out = new HashMap<>();
    for (PassbackView p : passbacks.states(caller, exerciseId)) {
      out.merge(p.userId(), describe(p), (a, b) -> a + "; " + b);
    }
    return out;
  }

  static String describe(PassbackView p) {
    return switch (p.status()) {
      case SENT -> "sent " + Points.format(p.scoreGiven()) + "/" + Points.format(p.scoreMaximum());
      case PENDING -> p.attempts() == 0 ? "pending" : "retrying (" + p.attempts() + " failed)";
      case FAILED -> "failed: " + (p.lastError() == null ? "unknown"
          : p.lastError().length() <= 80 ? p.lastError() : p.lastError().substring(0, 80) + "…");
    };
  }

  private List<MemberView> students(Caller caller, CourseView course) {
    if (course.role() == CourseRole.STUDENT) {
      // The core's member list needs TA too; say so in the report's words, not the list's.
      throw ProblemException.forbidden("grade reports are for the course's teaching staff");
    }
    return courses.members(caller, UUID.fromString(course.id())).stream()
        .filter(m -> m.role() == CourseRole.STUDENT).toList();
  }

  private static StudentGrades grades(MemberView m, List<Attempt> mine, String passback) {
    Double best = null;
    Double latest = null;
    Instant last = null;
    String latestId = null;
    for (Attempt a : mine) {
      if (last == null || a.receivedAt.isAfter(last)) {
        last = a.receivedAt;
        latestId = a.id.toString();
      }
      if (a.graded()) {
        best = best == null ? a.score : Math.max(best, a.score);
      }
    }
    for (int i = mine.size() - 1; i >= 0; i--) {
      if (mine.get(i).graded()) {
        latest = mine.get(i).score;
        break;
      }
    }
    return new StudentGrades(m.userId(), m.name(), m.email(), best, latest, mine.size(), last,
        latestId, passback, Map.of());
  }

  /**
   * One attempt with its effective result.
   *
   * @param id the student's submission
   * @param receivedAt when it arrived
   * @param version suite version of the effective result
   * @param score effective score (regraded when a regrade is graded), NaN when not graded
   * @param gradedId the submission whose test results are the effective ones
   */
  record Attempt(UUID id, Instant receivedAt, int version, double score, UUID gradedId) {
    boolean graded() {
      return !Double.isNaN(score);
    }
  }

  /** Each user's own submissions to the exercise, oldest first, at their effective scores. */
  private Map<UUID, List<Attempt>> attempts(UUID exerciseId) {
    List<Object[]> rows = em.createQuery(
            "select s.id, s.userId, s.status, s.score, s.suiteVersion, s.receivedAt, s.purpose"
                + " from Submission s where s.exerciseId = ?1 order by s.receivedAt, s.id",
            Object[].class)
        .setParameter(1, exerciseId).getResultList();
    Map<UUID, Object[]> byId = new HashMap<>();
    rows.forEach(r -> byId.put((UUID) r[0], r));
    Map<UUID, UUID> regradeOf = regrades.regradeOf(exerciseId);
    Map<UUID, List<Attempt>> out = new LinkedHashMap<>();
    for (Object[] r : rows) {
      if (r[6] != JobPurpose.SUBMISSION) {
        continue;
      }
      UUID id = (UUID) r[0];
      Object[] effective = r;
      UUID again = regradeOf.get(id);
      if (again != null && byId.containsKey(again)
          && byId.get(again)[2] == SubmissionStatus.GRADED) {
        effective = byId.get(again);
      }
      double score = effective[2] == SubmissionStatus.GRADED && effective[3] != null
          ? (Double) effective[3] : Double.NaN;
      out.computeIfAbsent((UUID) r[1], u -> new ArrayList<>()).add(new Attempt(id,
          (Instant) r[5], (Integer) effective[4], score, (UUID) effective[0]));
    }
    return out;
  }

  private List<PassRateChart.Row> passRates(SuiteView suite, List<UUID> submissionIds) {
    int n = suite.tests().size();
    int[] passed = new int[n];
    int[] runs = new int[n];
    if (!submissionIds.isEmpty()) {
      List<Object[]> rows = em.createQuery(
              "select t.id.ordinal, t.status from TestResult t where t.id.submissionId in ?1",
              Object[].class)
          .setParameter(1, submissionIds).getResultList();
      for (Object[] r : rows) {
        int ordinal = (Integer) r[0];
        if (ordinal < n) {
          runs[ordinal]++;
          if (r[1] == TestStatus.PASSED) {
            passed[ordinal]++;
          }
        }
      }
    }
    List<PassRateChart.Row> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new PassRateChart.Row(suite.tests().get(i).name(), passed[i], runs[i]));
    }
    return out;
  }
}
