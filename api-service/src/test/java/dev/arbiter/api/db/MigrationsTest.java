package dev.arbiter.api.db;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.api.testing.Db;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class MigrationsTest {

  @Test
  void serviceStartedOnTheMigratedSchema() {
    assertEquals(1, Db.query("SELECT count(*) FROM flyway_schema_history"
        + " WHERE version = '001' AND success"));
    assertEquals(0, Db.query("SELECT count(*) FROM flyway_schema_history WHERE NOT success"));
  }

  @Test
  void everyForeignKeyHasAnIndexLedByItsColumns() {
    // Led by exactly the key's columns, or a unique index on some of them (one row per lookup).
    long unindexed = Db.query("""
        SELECT count(*) FROM pg_constraint c
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
          AND NOT EXISTS (
            SELECT 1 FROM pg_index i
            WHERE i.indrelid = c.conrelid
              AND ((i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
                   AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey
                   OR i.indisunique AND i.indkey::int2[] <@ c.conkey))
        """);

    assertEquals(0, unindexed);
  }

  @Test
  void suiteVersionsCannotBeUpdated() throws Exception {
    try (var c = PostgresResource.connect(); var s = c.createStatement()) {
      var e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> {
        s.execute("INSERT INTO courses VALUES ('10000000-0000-0000-0000-000000000001', 't', now())");
        s.execute("INSERT INTO exercises (id, course_id, slug, title, language, time_seconds,"
            + " memory_mb, output_kb, disk_mb, max_processes, created_at, updated_at) VALUES"
            + " ('10000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-000000000001',"
            + " 'imm', 't', 'python3', 1, 1, 1, 1, 1, now(), now())");
        s.execute("INSERT INTO suite_versions VALUES ('10000000-0000-0000-0000-000000000002', 1,"
            + " '{}'::jsonb, now(), '00000000-0000-0000-0000-000000000001')");
        s.execute("UPDATE suite_versions SET suite = '{\"x\":1}'::jsonb"
            + " WHERE exercise_id = '10000000-0000-0000-0000-000000000002'");
      });
      assertThat(e.getMessage(), org.hamcrest.Matchers.containsString("immutable"));
    }
  }
}
