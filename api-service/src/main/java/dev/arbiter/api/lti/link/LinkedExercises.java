package dev.arbiter.api.lti.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What LTI needs to know about exercises: which course holds one, its title, and the points of its
 * current suite (the line item's scoreMaximum). Read straight from the core's tables so LTI does
 * not depend on the exercise service's internals.
 */
@ApplicationScoped
public class LinkedExercises {

  /** An exercise as LTI shows it. */
  public record ExerciseSummary(UUID id, UUID courseId, String slug, String title, double maxScore) {}

  private final EntityManager em;
  private final ObjectMapper json = new ObjectMapper();

  LinkedExercises(EntityManager em) {
    this.em = em;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<ExerciseSummary> find(UUID exerciseId) {
    return summaries("WHERE e.id = ?1", exerciseId).stream().findFirst();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public List<ExerciseSummary> ofCourse(UUID courseId) {
    return summaries("WHERE e.course_id = ?1 ORDER BY e.created_at", courseId);
  }

  private List<ExerciseSummary> summaries(String where, UUID param) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT e.id, e.course_id, e.slug, e.title, CAST(sv.suite AS text) FROM exercises e "
                    + "LEFT JOIN suite_versions sv ON sv.exercise_id = e.id AND sv.version = e.current_suite_version "
                    + where)
            .setParameter(1, param)
            .getResultList();
    return rows.stream()
        .map(r -> new ExerciseSummary((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], maxScore((String) r[4])))
        .toList();
  }

  /** Sum of the suite's points; 1 when there is no suite yet (the LMS rescales anyway). */
  private double maxScore(String suite) {
    if (suite == null) {
      return 1;
    }
    try {
      double sum = 0;
      for (JsonNode t : json.readTree(suite).path("tests")) {
        sum += t.path("points").asDouble(0);
      }
      return sum > 0 ? sum : 1;
    } catch (IOException e) {
      return 1;
    }
  }
}
