package dev.arbiter.api.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The real PostgreSQL (started idempotently by {@code scripts/postgres.sh}) with a database of its
 * own for this test run, reached through a {@link TcpProxy} so a test can simulate an outage.
 * Also supplies this run's secrets: the bootstrap administrator token and the LTI key encryption key.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  public static final String HOST = "127.0.0.1";
  public static final int PORT = Integer.parseInt(
      System.getenv().getOrDefault("ARBITER_PG_PORT", "55432"));
  public static final String USER = "arbiter";
  public static final String DATABASE = "arbiter_test_" + TestRun.ID;

  private static TcpProxy proxy;
  private static String password;

  @Override
  public Map<String, String> start() {
    createDatabase(DATABASE);
    try {
      proxy = new TcpProxy(HOST, PORT);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Map.of(
        "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + HOST + ":" + proxy.port() + "/"
            + DATABASE,
        "quarkus.datasource.username", USER,
        "quarkus.datasource.password", password,
        "arbiter.auth.bootstrap-token", TestRun.BOOTSTRAP_TOKEN,
        "arbiter.lti.keys.encryption-key", TestRun.LTI_KEY_ENCRYPTION_KEY);
  }

  @Override
  public void stop() {
    try {
      if (proxy != null) {
        proxy.close();
      }
    } catch (IOException e) {
      // the proxy only forwards; nothing to clean up
    }
    dropDatabase(DATABASE);
  }

  /** Starts PostgreSQL if needed (idempotent) and creates an empty database owned by arbiter. */
  public static synchronized void createDatabase(String name) {
    if (password == null) {
      Scripts.run("postgres.sh", "start");
      password = Scripts.run("postgres.sh", "password");
    }
    execute("CREATE DATABASE " + name + " OWNER " + USER);
  }

  public static void dropDatabase(String name) {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** A direct JDBC URL (no proxy). */
  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
  }

  public static String password() {
    return password;
  }

  /** A direct connection (bypassing the proxy) to this run's database. */
  public static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE,
        USER, password);
  }

  /** Simulates a database outage for the service under test only. */
  public static void cutDatabase() throws IOException {
    proxy.cut();
  }

  public static void restoreDatabase() throws IOException {
    proxy.restore();
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(
            "jdbc:postgresql://" + HOST + ":" + PORT + "/arbiter", USER, password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
