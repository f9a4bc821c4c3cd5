package dev.arbiter.api.exercise;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ExerciseRepository implements PanacheRepositoryBase<Exercise, UUID> {

  /**
   * The exercise, row-locked until the transaction ends and re-read under the lock (serialises
   * suite version numbering). A plain locking find would return the state already in the session,
   * which a concurrent transaction may have changed before the lock was granted.
   */
  public Optional<Exercise> findForUpdate(UUID id) {
    Optional<Exercise> e = findByIdOptional(id);
    e.ifPresent(x -> getEntityManager().refresh(x, LockModeType.PESSIMISTIC_WRITE));
    return e;
  }

  boolean slugTaken(UUID courseId, String slug) {
    return count("courseId = ?1 and slug = ?2", courseId, slug) > 0;
  }

  List<Exercise> listByCourse(UUID courseId) {
    return find("courseId = ?1 order by createdAt", courseId).list();
  }
}
