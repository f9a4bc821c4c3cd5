package dev.arbiter.api.db;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.arbiter.api.testing.PostgresResource;
import dev.arbiter.api.testing.TestRun;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.Collections;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The db-migrations artifact as deployed: its jar (not a source folder) carries the migrations,
 * and Flyway applies them from it to an empty database. Run with {@code mvn verify}, where the
 * reactor hands api-service the packaged db-migrations jar.
 */
class MigrationsJarTest {

  @Test
  void migrationsLoadFromTheDbMigrationsJarIntoAnEmptyDatabase() throws Exception {
    ClassLoader loader = MigrationsJarTest.class.getClassLoader();
    URL v001 = loader.getResource("db/migration/V001__create_core_schema.sql");
    assertNotNull(v001, "V001 is on the classpath");
    assertThat(v001.toString(), matchesPattern(
        "jar:file:.*/db-migrations[^/]*\\.jar!/db/migration/V001__create_core_schema\\.sql"));
    long inJar;
    try (var jar = ((JarURLConnection) v001.openConnection()).getJarFile()) {
      inJar = Collections.list(jar.entries()).stream()
          .filter(e -> e.getName().matches("db/migration/V\\d+__\\w+\\.sql")).count();
    }
    String database = "arbiter_test_" + TestRun.ID + "_jar";
    PostgresResource.createDatabase(database);
    try {
      Flyway flyway = Flyway.configure(loader)
          .dataSource(PostgresResource.jdbcUrl(database), PostgresResource.USER,
              PostgresResource.password())
          .locations("classpath:db/migration").load();

      var result = flyway.migrate();

      assertEquals(inJar, result.migrationsExecuted);
      flyway.validate();
    } finally {
      PostgresResource.dropDatabase(database);
    }
  }
}
