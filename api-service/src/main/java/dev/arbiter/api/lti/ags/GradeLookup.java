package dev.arbiter.api.lti.ags;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The score a student currently owes the gradebook for an exercise, under the exercise's policy. */
@ApplicationScoped
public class GradeLookup {

  /** A graded submission's score. */
  public record Graded(UUID submissionId, double score, double maxScore) {}

  private final EntityManager em;

  GradeLookup(EntityManager em) {
    this.em = em;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public PassbackPolicy policyOf(UUID exerciseId) {
    List<?> rows =
        em.createNativeQuery("SELECT policy FROM lti_exercise_passback_policies WHERE exercise_id = ?1")
            .setParameter(1, exerciseId)
            .getResultList();
    return rows.isEmpty() ? PassbackPolicy.BEST : PassbackPolicy.valueOf((String) rows.get(0));
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Graded> current(UUID userId, UUID exerciseId, PassbackPolicy policy) {
    // best: highest fraction of its own maximum (suite versions may differ in points), earliest on
    // ties so a re-submission of the same score changes nothing; latest: last received.
    String order =
        policy == PassbackPolicy.BEST
            ? "CASE WHEN s.max_score > 0 THEN s.score / s.max_score ELSE 0 END DESC, s.received_at ASC"
            : "s.received_at DESC";
    List<?> rows =
        em.createNativeQuery(
                "SELECT s.id, s.score, s.max_score FROM submissions s "
                    + "WHERE s.user_id = ?1 AND s.exercise_id = ?2 AND s.status = 'GRADED' "
                    + "AND s.purpose <> 'DRY_RUN' AND s.score IS NOT NULL AND s.max_score IS NOT NULL ORDER BY "
                    + order
                    + " LIMIT 1")
            .setParameter(1, userId)
            .setParameter(2, exerciseId)
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object[] r = (Object[]) rows.get(0);
    return Optional.of(
        new Graded((UUID) r[0], ((Number) r[1]).doubleValue(), ((Number) r[2]).doubleValue()));
  }
}
