package dev.arbiter.api.exercise;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ExerciseRepository implements PanacheRepositoryBase<Exercise, UUID> {

  /** The exercise, row-locked until the transaction ends (serialises suite version numbering). */
  public Optional<Exercise> findForUpdate(UUID id) {
    return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
  }

  boolean slugTaken(UUID courseId, String slug) {
    return count("courseId = ?1 and slug = ?2", courseId, slug) > 0;
  }

  List<Exercise> listByCourse(UUID courseId) {
    return find("courseId = ?1 order by createdAt", courseId).list();
  }
}
