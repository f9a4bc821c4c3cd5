package dev.arbiter.api.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseOutageDetectionTest {

  @Test
  void aCommitFailedByAServerShutdownIsAnOutageEvenWhenTheDriverErrorIsOnlySuppressed() {
    RollbackException commit = new RollbackException("ARJUNA016053: Could not commit transaction.");
    commit.addSuppressed(new SQLException("terminating connection due to administrator command",
        "57P01"));

    assertTrue(DatabaseOutage.isCause(new RuntimeException("Error invoking subclass method", commit)));
  }

  @Test
  void aConnectionErrorInTheCauseChainIsAnOutage() {
    assertTrue(DatabaseOutage.isCause(
        new IllegalStateException(new SQLException("connection refused", "08001"))));
  }

  @Test
  void otherDatabaseErrorsAreNot() {
    RollbackException commit = new RollbackException("rolled back");
    commit.addSuppressed(new SQLException("duplicate key", "23505"));

    assertFalse(DatabaseOutage.isCause(new RuntimeException(commit)));
    assertFalse(DatabaseOutage.isCause(new IllegalArgumentException("no")));
  }
}
