package dev.arbiter.api.lti.launch;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

@ApplicationScoped
public class LoginStateRepository implements PanacheRepositoryBase<LoginState, String> {

  /**
   * Deletes the state and returns it, if it existed and had not expired. Its own transaction: the
   * state is spent even when the launch that presented it is then rejected and rolled back (OIDC
   * and LTI 1.3 core §5.1.1: state and nonce are single use). The row lock makes two concurrent
   * launches with the same state see it once.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<LoginState> consume(String state, Instant now) {
    Optional<LoginState> found = findByIdOptional(state, LockModeType.PESSIMISTIC_WRITE);
    found.ifPresent(this::delete);
    return found.filter(s -> s.expiresAt.isAfter(now));
  }

  @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  @Transactional
  void deleteExpired() {
    delete("expiresAt < ?1", Instant.now());
  }
}
