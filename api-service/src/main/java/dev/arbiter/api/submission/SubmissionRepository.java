package dev.arbiter.api.submission;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SubmissionRepository implements PanacheRepositoryBase<Submission, UUID> {

  Optional<Submission> findByIdempotencyKey(UUID userId, String key) {
    return find("userId = ?1 and idempotencyKey = ?2", userId, key).firstResultOptional();
  }

  /** Locked until the transaction ends: two completions of one job are stored one after another. */
  public Optional<Submission> findForUpdate(UUID id) {
    Optional<Submission> s = findByIdOptional(id);
    // Re-read under the lock: the session may hold a state from before the lock was granted.
    s.ifPresent(x -> getEntityManager().refresh(x, LockModeType.PESSIMISTIC_WRITE));
    return s;
  }

  List<Submission> listByExerciseAndUser(UUID exerciseId, UUID userId) {
    return find("exerciseId = ?1 and userId = ?2 order by receivedAt desc", exerciseId, userId)
        .list();
  }

  public List<Submission> listByExercise(UUID exerciseId) {
    return find("exerciseId = ?1 order by receivedAt desc", exerciseId).list();
  }
}
