package dev.arbiter.api.lti;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;

/** Temporary: a fresh database on the shared PostgreSQL, until the core's PostgresResource lands. */
public class LtiTestDatabaseResource implements QuarkusTestResourceLifecycleManager {

  private String db;
  private String password;

  @Override
  public Map<String, String> start() {
    try {
      String state = System.getenv().getOrDefault("ARBITER_STATE", "/work/main/.arbiter");
      password = Files.readString(Path.of(state, "pg-password")).strip();
      db = "arbiter_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      try (Connection c =
          DriverManager.getConnection("jdbc:postgresql://127.0.0.1:55432/arbiter", "arbiter", password)) {
        c.createStatement().execute("CREATE DATABASE " + db);
      }
      return Map.of(
          "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:55432/" + db,
          "quarkus.datasource.username", "arbiter",
          "quarkus.datasource.password", password,
          "quarkus.flyway.migrate-at-start", "true");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {
    try (Connection c =
        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:55432/arbiter", "arbiter", password)) {
      c.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
