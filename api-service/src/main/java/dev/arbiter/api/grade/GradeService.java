package dev.arbiter.api.grade;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.course.CourseAccess;
import dev.arbiter.api.course.CourseRole;
import dev.arbiter.api.exercise.Exercise;
import dev.arbiter.api.exercise.ExerciseService;
import dev.arbiter.common.status.SubmissionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class GradeService {

  // One row per student of the course: best graded submission (highest score, earliest on a tie)
  // and latest submission, without loading any file contents.
  private static final String REPORT = """
      WITH s AS (
        SELECT id, user_id, status, score, max_score, received_at, graded_at
        FROM submissions WHERE exercise_id = :exercise AND purpose = 'SUBMISSION')
      SELECT m.user_id, u.name, u.email,
             (SELECT count(*) FROM s WHERE s.user_id = m.user_id),
             best.id, best.score, coalesce(best.max_score, latest.max_score), best.graded_at,
             latest.id, latest.status, latest.score, latest.received_at
      FROM course_members m
      JOIN users u ON u.id = m.user_id
      LEFT JOIN LATERAL (SELECT * FROM s WHERE s.user_id = m.user_id AND s.status = 'GRADED'
                         ORDER BY s.score DESC, s.graded_at, s.id LIMIT 1) best ON true
      LEFT JOIN LATERAL (SELECT * FROM s WHERE s.user_id = m.user_id
                         ORDER BY s.received_at DESC, s.id LIMIT 1) latest ON true
      WHERE m.course_id = :course AND m.role = 'STUDENT'
      ORDER BY u.name, m.user_id
      """;

  private final EntityManager em;
  private final ExerciseService exercises;
  private final CourseAccess access;

  GradeService(EntityManager em, ExerciseService exercises, CourseAccess access) {
    this.em = em;
    this.exercises = exercises;
    this.access = access;
  }

  /** Each student's best and latest submission (TA or instructor). */
  @Transactional
  public List<GradeRow> report(Caller caller, UUID exerciseId) {
    Exercise e = exercises.visible(caller, exerciseId);
    access.require(caller, e.courseId, CourseRole.TA, "exercise");
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery(REPORT)
        .setParameter("exercise", exerciseId)
        .setParameter("course", e.courseId)
        .getResultList();
    return rows.stream().map(GradeService::row).toList();
  }

  /** The exercise's slug, for the CSV file name. */
  @Transactional
  public String slug(Caller caller, UUID exerciseId) {
    return exercises.visible(caller, exerciseId).slug;
  }

  private static GradeRow row(Object[] r) {
    return new GradeRow(str(r[0]), (String) r[1], (String) r[2], ((Number) r[3]).intValue(),
        str(r[4]), dbl(r[5]), dbl(r[6]), instant(r[7]), str(r[8]),
        r[9] == null ? null : SubmissionStatus.valueOf((String) r[9]), dbl(r[10]), instant(r[11]));
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static Double dbl(Object o) {
    return o == null ? null : ((Number) o).doubleValue();
  }

  private static Instant instant(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof Instant i) {
      return i;
    }
    if (o instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (o instanceof java.sql.Timestamp ts) {
      return ts.toInstant();
    }
    throw new IllegalStateException("unexpected time type " + o.getClass());
  }
}
