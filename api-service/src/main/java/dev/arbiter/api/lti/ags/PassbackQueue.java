package dev.arbiter.api.lti.ags;

import dev.arbiter.api.result.SubmissionGraded;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Marks scores as owed to the LMS. Always called inside the transaction that stores the grade (or
 * creates the link), so the debt is durable exactly when the grade is: the passback outbox.
 */
@ApplicationScoped
public class PassbackQueue {

  private final EntityManager em;

  PassbackQueue(EntityManager em) {
    this.em = em;
  }

  /**
   * A grade of this student for this exercise was stored: every LMS line item that shows this
   * exercise to this student is owed their current score.
   *
   * @return how many line items are now owed a score
   */
  /** Observes the core's results store, inside its transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  void onGraded(@Observes SubmissionGraded graded) {
    int owed = gradeStored(graded.userId(), graded.exerciseId());
    if (owed > 0) {
      Log.infof("submission %s graded: score owed to %d LMS line item(s)", graded.submissionId(), owed);
    }
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public int gradeStored(UUID userId, UUID exerciseId) {
    return owe(userId, exerciseId, """
            ON CONFLICT (resource_link_pk, user_id) DO UPDATE
               SET status = 'PENDING', generation = lti_passbacks.generation + 1, attempts = 0,
                   next_attempt_at = ?3, last_error = NULL, updated_at = ?3
            """);
  }

  /**
   * The student came through a link to this exercise: if they already hold a grade that no row
   * owes to that link yet, owe it. Existing rows are left alone, so a launch never re-sends.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int linkSeen(UUID userId, UUID exerciseId) {
    return owe(userId, exerciseId, "ON CONFLICT (resource_link_pk, user_id) DO NOTHING");
  }

  private int owe(UUID userId, UUID exerciseId, String onConflict) {
    return em.createNativeQuery(
            """
            INSERT INTO lti_passbacks (id, resource_link_pk, user_id, status, generation, attempts,
                                       next_attempt_at, updated_at)
            SELECT gen_random_uuid(), rl.id, cm.user_id, 'PENDING', 1, 0, ?3, ?3
              FROM lti_resource_links rl
              JOIN lti_context_members cm ON cm.context_pk = rl.context_pk AND cm.user_id = ?1
             WHERE rl.exercise_id = ?2 AND rl.line_item_url IS NOT NULL
               -- Several resource links may feed one gradebook column: post through the oldest
               -- only, or the student's score would arrive once per link.
               AND NOT EXISTS (SELECT 1 FROM lti_resource_links older
                                WHERE older.platform_id = rl.platform_id
                                  AND older.line_item_url = rl.line_item_url
                                  AND older.exercise_id = rl.exercise_id
                                  AND (older.created_at, older.id) < (rl.created_at, rl.id))
               AND EXISTS (SELECT 1 FROM lti_user_links ul
                            WHERE ul.platform_id = rl.platform_id AND ul.user_id = ?1)
               AND EXISTS (SELECT 1 FROM submissions s
                            WHERE s.user_id = ?1 AND s.exercise_id = ?2 AND s.status = 'GRADED'
                              AND s.purpose <> 'DRY_RUN')
            """
                + onConflict)
        .setParameter(1, userId)
        .setParameter(2, exerciseId)
        .setParameter(3, Instant.now())
        .executeUpdate();
  }
}
