package dev.arbiter.api.lti.ags;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.course.CourseAccess;
import dev.arbiter.api.course.CourseRole;
import dev.arbiter.api.lti.link.LinkedExercises;
import dev.arbiter.api.lti.link.LinkedExercises.ExerciseSummary;
import dev.arbiter.api.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What staff see and set about grade passback of an exercise. */
@ApplicationScoped
public class PassbackService {

  private final EntityManager em;
  private final LinkedExercises exercises;
  private final CourseAccess access;
  private final GradeLookup grades;

  PassbackService(EntityManager em, LinkedExercises exercises, CourseAccess access, GradeLookup grades) {
    this.em = em;
    this.exercises = exercises;
    this.access = access;
    this.grades = grades;
  }

  /** Each student's state on each line item of the exercise (TA or instructor). */
  @Transactional
  public List<PassbackView> states(Caller caller, UUID exerciseId) {
    ExerciseSummary exercise = exercise(exerciseId);
    access.require(caller, exercise.courseId(), CourseRole.TA, "exercise");
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                """
                SELECT p.user_id, u.name,
                       (SELECT ul.subject FROM lti_user_links ul
                         WHERE ul.platform_id = rl.platform_id AND ul.user_id = p.user_id
                         ORDER BY ul.created_at DESC LIMIT 1),
                       rl.line_item_url, p.status, p.score_given, p.score_maximum, p.attempts,
                       p.last_error, p.sent_at, p.updated_at
                  FROM lti_passbacks p
                  JOIN lti_resource_links rl ON rl.id = p.resource_link_pk
                  JOIN users u ON u.id = p.user_id
                 WHERE rl.exercise_id = ?1
                 ORDER BY u.name, rl.line_item_url
                """)
            .setParameter(1, exerciseId)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new PassbackView(
                    r[0].toString(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    PassbackStatus.valueOf((String) r[4]),
                    r[5] == null ? null : ((Number) r[5]).doubleValue(),
                    r[6] == null ? null : ((Number) r[6]).doubleValue(),
                    ((Number) r[7]).intValue(),
                    (String) r[8],
                    instant(r[9]),
                    instant(r[10])))
        .toList();
  }

  @Transactional
  public PassbackPolicy policy(Caller caller, UUID exerciseId) {
    ExerciseSummary exercise = exercise(exerciseId);
    access.require(caller, exercise.courseId(), CourseRole.TA, "exercise");
    return grades.policyOf(exerciseId);
  }

  /**
   * Sets the exercise's policy (instructor). Every student's score may change with it, so each is
   * owed to the LMS again.
   */
  @Transactional
  public PassbackPolicy setPolicy(Caller caller, UUID exerciseId, PassbackPolicy policy) {
    if (policy == null) {
      throw ProblemException.invalid("policy is required: best or latest");
    }
    ExerciseSummary exercise = exercise(exerciseId);
    access.require(caller, exercise.courseId(), CourseRole.INSTRUCTOR, "exercise");
    Instant now = Instant.now();
    em.createNativeQuery(
            "INSERT INTO lti_exercise_passback_policies (exercise_id, policy, updated_at) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT (exercise_id) DO UPDATE SET policy = EXCLUDED.policy, updated_at = EXCLUDED.updated_at")
        .setParameter(1, exerciseId)
        .setParameter(2, policy.name())
        .setParameter(3, now)
        .executeUpdate();
    int owed =
        em.createNativeQuery(
                "UPDATE lti_passbacks SET status = 'PENDING', generation = generation + 1, attempts = 0, "
                    + "next_attempt_at = ?2, last_error = NULL, updated_at = ?2 "
                    + "WHERE resource_link_pk IN (SELECT id FROM lti_resource_links WHERE exercise_id = ?1)")
            .setParameter(1, exerciseId)
            .setParameter(2, now)
            .executeUpdate();
    Log.infof("exercise %s passback policy %s by %s; %d score(s) owed again", exerciseId, policy, caller.userId(), owed);
    return policy;
  }

  private ExerciseSummary exercise(UUID exerciseId) {
    return exercises.find(exerciseId).orElseThrow(() -> ProblemException.notFound("exercise"));
  }

  private static Instant instant(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    throw new IllegalStateException("unexpected time type " + v.getClass().getSimpleName());
  }
}
