package dev.arbiter.api.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct reads of this run's database, for asserting what a request wrote (or did not). */
public final class Db {

  private Db() {}

  /** Rows of a table (a fixed name from the test, never user input). */
  public static long count(String table) {
    return query("SELECT count(*) FROM " + table);
  }

  /** A single number from a query with positional string parameters. */
  public static long query(String sql, Object... params) {
    try (Connection c = PostgresResource.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** A single text value (or null). */
  public static String text(String sql, Object... params) {
    try (Connection c = PostgresResource.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
