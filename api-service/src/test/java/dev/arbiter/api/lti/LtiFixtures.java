package dev.arbiter.api.lti;

import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.PostgresResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** LTI set-up through the public API, shared by the LTI tests. */
public final class LtiFixtures {

  private LtiFixtures() {}

  /** Registers the test platform as an administrator would, once per app run; returns its id. */
  public static synchronized String register(TestLtiPlatform platform) {
    List<String> ids =
        ApiClient.ADMIN.request()
            .get("/api/v1/lti/platforms")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("findAll { it.issuer == '" + platform.issuer() + "' }.id");
    if (!ids.isEmpty()) {
      return ids.get(0);
    }
    return ApiClient.ADMIN.request()
        .body(platform.registration())
        .post("/api/v1/lti/platforms")
        .then()
        .statusCode(201)
        .body("id", notNullValue())
        .extract()
        .path("id");
  }

  /**
   * An exercise with {@link ApiClient#SUM_SUITE} (2 points) as version 1 in the course. Written with
   * SQL until the core's exercise endpoints land on this branch.
   */
  public static String createExercise(String courseId, String slug) throws Exception {
    UUID id = UUID.randomUUID();
    Timestamp now = Timestamp.from(Instant.now());
    try (Connection c = PostgresResource.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement e = c.prepareStatement(
          "INSERT INTO exercises (id, course_id, slug, title, language, time_seconds, memory_mb, output_kb, "
              + "disk_mb, max_processes, created_at, updated_at) VALUES (?, ?, ?, ?, 'python3', 5, 200, 64, 64, 64, ?, ?)")) {
        e.setObject(1, id);
        e.setObject(2, UUID.fromString(courseId));
        e.setString(3, slug);
        e.setString(4, "Exercise " + slug);
        e.setTimestamp(5, now);
        e.setTimestamp(6, now);
        e.executeUpdate();
      }
      try (PreparedStatement v = c.prepareStatement(
          "INSERT INTO suite_versions (exercise_id, version, suite, created_at, created_by) "
              + "VALUES (?, 1, CAST(? AS jsonb), ?, ?)")) {
        v.setObject(1, id);
        v.setString(2, new ObjectMapper().writeValueAsString(ApiClient.SUM_SUITE));
        v.setTimestamp(3, now);
        v.setObject(4, UUID.fromString(ApiClient.ADMIN.id()));
        v.executeUpdate();
      }
      try (PreparedStatement u = c.prepareStatement("UPDATE exercises SET current_suite_version = 1 WHERE id = ?")) {
        u.setObject(1, id);
        u.executeUpdate();
      }
      c.commit();
    }
    return id.toString();
  }

  /** A single number from SQL on this run's database. */
  public static long count(String sql, Object... params) throws Exception {
    try (Connection c = PostgresResource.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
