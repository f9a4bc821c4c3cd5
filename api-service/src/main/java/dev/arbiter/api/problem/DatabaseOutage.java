package dev.arbiter.api.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Recognises "the database is unreachable" among the many wrappers JDBC, Agroal, Hibernate and JTA
 * put around it, so clients get 503 + Retry-After (try again) rather than 500 (a bug).
 */
public final class DatabaseOutage {

  private DatabaseOutage() {}

  public static boolean isCause(Throwable error) {
    return isCause(error, 0);
  }

  // A failed commit (Narayana's RollbackException) carries the driver's error as a suppressed
  // exception, not as its cause: both chains are searched, to a bounded depth.
  private static boolean isCause(Throwable error, int depth) {
    for (Throwable t = error; t != null && depth < 16; t = t.getCause() == t ? null : t.getCause()) {
      depth++;
      if (t instanceof JDBCConnectionException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && isOutage(sql)) {
        return true;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (isCause(suppressed, depth)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isOutage(SQLException e) {
    String state = e.getSQLState();
    // SQLSTATE class 08 = connection exception; 57P01..57P03 = server shutting down / starting.
    if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
      return true;
    }
    // Agroal reports an exhausted wait for a connection (the database stopped answering) without a
    // SQLSTATE; its message is the only signal.
    String message = e.getMessage();
    return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
  }
}
