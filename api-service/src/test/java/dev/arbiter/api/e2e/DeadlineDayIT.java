package dev.arbiter.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Deadline day, black box: a burst of submissions from many students into the packaged
 * api-service with two packaged workers, on the real PostgreSQL and Kafka, and during the burst
 * one fault each: a worker killed -9 mid-run, the Kafka broker stopped and started, PostgreSQL
 * stopped and started, the api-service killed -9 and started. After each, every submission that
 * got a 202 is GRADED exactly once: one row, one verdict per test, never overwritten by a
 * redelivered job, and no SANDBOX_ERROR charged to anyone.
 *
 * <p>The methods share the running system but not their data: each has its own exercise, and each
 * leaves every process and service running as it found it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadlineDayIT {

  /** Per fault: at least 300 submissions, as issue 8 asks. */
  private static final int BURST = 300;
  /** Arrival rate: the burst lasts ~30 s, so each fault lands while submissions still arrive. */
  private static final double PER_SECOND = 10;
  private static final int STUDENTS = 75;
  /**
   * The fault is injected once a third of the burst is accepted and some of it graded: submissions
   * are still arriving, jobs are queued, running and being stored all at once.
   */
  private static final int ACCEPTED_BEFORE_FAULT = BURST / 3;
  private static final int GRADED_BEFORE_FAULT = 10;
  /** Bounded waits only stop a hung test; nothing asserts how fast anything went. */
  private static final Duration HUNG = Duration.ofMinutes(6);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Trivial and correct: the runs are short, and any score but full marks is a platform fault. */
  private static final Map<String, String> CORRECT = Map.of("main.py",
      "def add(a, b):\n    return a + b\n\n"
          + "if __name__ == '__main__':\n    print(add(*map(int, input().split())))\n");

  private ArbiterProcesses system;
  private KafkaProbe kafka;
  private HttpApi api;
  private String course;
  private String instructor;
  private final List<String> students = new ArrayList<>();

  @BeforeAll
  void startEverything() throws Exception {
    system = new ArbiterProcesses();
    system.startWorker(1);
    system.startWorker(2);
    api = new HttpApi(system.startApi());
    kafka = new KafkaProbe(system.kafka());
    String admin = system.bootstrapToken;
    course = api.expect(201, "POST", "/api/v1/courses", admin,
        Map.of("title", "Deadline " + system.run)).get("id").asText();
    instructor = member(admin, "INSTRUCTOR");
    for (int i = 0; i < STUDENTS; i++) {
      students.add(member(admin, "STUDENT"));
    }
  }

  @AfterAll
  void stopEverything() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void aWorkerKilledMidRunLosesNothingAndItsJobsRunAgainElsewhere() throws Exception {
    String exercise = newExercise("kill-worker");
    List<Burst.Accepted> accepted;
    Map<String, Graded> firstSeen = new HashMap<>();
    try (Burst burst = Burst.start(api, exercise, students, CORRECT, BURST, PER_SECOND)) {
      awaitFullSwing(burst, exercise, firstSeen);
      try {
        // Mid-run for certain: the worker itself says it holds unfinished (unacknowledged) jobs.
        await("worker-1 holding unfinished jobs", () -> system.metric("worker-1", "arbiter_jobs_active") > 0);
        system.kill("worker-1");
      } finally {
        system.startWorker(1);
      }
      accepted = burst.awaitSubmitted();
      assertEquals(List.of(), burst.refused());
    }

    assertGradedExactlyOnce(exercise, accepted, firstSeen);
    Map<String, Integer> starts = startsPerSubmission(accepted);
    assertTrue(starts.values().stream().anyMatch(n -> n > 1),
        "the killed worker's unfinished jobs were run again: " + starts.size() + " started");
  }

  @Test
  void theBrokerStoppedAndStartedLosesNothingAndSubmittingGoesOn() throws Exception {
    String exercise = newExercise("kafka-restart");
    List<Burst.Accepted> accepted = new ArrayList<>();
    Map<String, Graded> firstSeen = new HashMap<>();
    try (Burst burst = Burst.start(api, exercise, students, CORRECT, BURST, PER_SECOND)) {
      awaitFullSwing(burst, exercise, firstSeen);
      system.stopKafka();
      try {
        // Accepting is only a durable write: with no broker at all, students still get their 202.
        for (String student : students.subList(0, 5)) {
          HttpApi.Reply r = api.call("POST", "/api/v1/exercises/" + exercise + "/submissions", student,
              Map.of("files", CORRECT), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
          assertEquals(202, r.status(), r.raw().body());
          accepted.add(new Burst.Accepted(r.body().get("id").asText(), student));
        }
        // Still in service (ready) while its health says the broker is away: taking the API out
        // of service would refuse what the outbox can keep.
        HttpApi health = new HttpApi(system.apiUrl());
        await("readiness to notice the broker is away", () -> health.call("GET", "/q/health/ready",
            null, null).raw().body().contains("unreachable"));
        assertEquals(200, health.call("GET", "/q/health/ready", null, null).status());
      } finally {
        system.startKafka();
      }
      accepted.addAll(burst.awaitSubmitted());
      assertEquals(List.of(), burst.refused());
    }

    assertGradedExactlyOnce(exercise, accepted, firstSeen);
  }

  @Test
  void postgresRestartedAnswers503WithRetryAfterAndLosesNothing() throws Exception {
    String exercise = newExercise("pg-restart");
    List<Burst.Accepted> accepted;
    Map<String, Graded> firstSeen = new HashMap<>();
    try (Burst burst = Burst.start(api, exercise, students, CORRECT, BURST, PER_SECOND)) {
      awaitFullSwing(burst, exercise, firstSeen);
      String someone = firstSeen.keySet().iterator().next();
      HttpApi.Reply submit;
      HttpApi.Reply read;
      HttpApi.Reply ready;
      system.stopPostgres();
      try {
        submit = api.call("POST", "/api/v1/exercises/" + exercise + "/submissions", students.get(0),
            Map.of("files", CORRECT), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        read = api.call("GET", "/api/v1/submissions/" + someone, instructor, null);
        ready = api.call("GET", "/q/health/ready", null, null);
      } finally {
        system.startPostgres();
      }
      accepted = burst.awaitSubmitted();

      assertUnavailable(submit);
      assertUnavailable(read);
      assertEquals(503, ready.status(), "readiness while PostgreSQL is down: " + ready.raw().body());
      assertEquals(List.of(), burst.refused());
      assertEquals(0, burst.unavailableAnswersWithoutRetryAfter(), "every 503 says when to retry");
    }

    assertGradedExactlyOnce(exercise, accepted, firstSeen);
  }

  @Test
  void theApiServiceKilledAndStartedLosesNothingAndDuplicatesNothing() throws Exception {
    String exercise = newExercise("kill-api");
    List<Burst.Accepted> accepted;
    Map<String, Graded> firstSeen = new HashMap<>();
    try (Burst burst = Burst.start(api, exercise, students, CORRECT, BURST, PER_SECOND)) {
      awaitFullSwing(burst, exercise, firstSeen);
      try {
        system.kill("api");
      } finally {
        // Students' clients keep retrying meanwhile, with the same Idempotency-Key each.
        system.startApi();
      }
      accepted = burst.awaitSubmitted();
      assertEquals(List.of(), burst.refused());
    }

    assertGradedExactlyOnce(exercise, accepted, firstSeen);
  }

  // ---------------------------------------------------------------------------------------------

  /** What the database said when a submission was first seen final. */
  private record Graded(String status, double score, Timestamp gradedAt) {}

  private void assertUnavailable(HttpApi.Reply reply) {
    assertEquals(503, reply.status(), reply.raw().body());
    String retryAfter = reply.header("Retry-After");
    assertTrue(retryAfter != null && retryAfter.matches("\\d+"), "Retry-After: " + retryAfter);
    assertTrue(reply.header("Content-Type").startsWith("application/problem+json"),
        reply.header("Content-Type"));
  }

  /**
   * Every 202 is GRADED once: the rows for the exercise are exactly the accepted ids (a retried
   * POST made no second row), each has one verdict per suite test, full marks, no SANDBOX_ERROR;
   * and once every job and every result has been consumed (so any redelivered job has run again
   * and its result has arrived), nothing stored earlier was overwritten. Finally each student
   * reads their submission over HTTP.
   */
  private void assertGradedExactlyOnce(String exercise, List<Burst.Accepted> accepted,
      Map<String, Graded> firstSeen) throws Exception {
    Set<String> ids = new HashSet<>();
    accepted.forEach(a -> ids.add(a.id()));
    assertEquals(accepted.size(), ids.size(), "one id per accepted POST");
    assertTrue(accepted.size() >= BURST, "accepted " + accepted.size());

    awaitFinal(exercise, ids.size(), firstSeen);
    kafka.awaitCaughtUp("workers-" + system.run, "grading.jobs." + system.run, HUNG);
    kafka.awaitCaughtUp("api-" + system.run, "grading.results." + system.run, HUNG);

    try (Connection c = system.connect()) {
      Map<String, Graded> now = finalRows(c, exercise);
      assertEquals(ids, now.keySet(), "the exercise's submissions are exactly the 202s");
      assertEquals(firstSeen, now, "nothing stored was overwritten by a redelivery");
      assertEquals(Set.of("GRADED"), Set.copyOf(now.values().stream().map(Graded::status).toList()));
      assertEquals(Set.of(1.0), Set.copyOf(now.values().stream().map(Graded::score).toList()));
      assertEquals(Map.of("PASSED", (long) ids.size()), verdicts(c, exercise));
    }
    for (Burst.Accepted a : accepted) {
      JsonNode view = api.expect(200, "GET", "/api/v1/submissions/" + a.id(), a.token(), null);
      assertEquals("GRADED", view.get("status").asText(), view.toString());
      assertEquals(1, view.get("tests").size(), view.toString());
    }
  }

  /** Test verdicts of the exercise's submissions, counted by status. */
  private static Map<String, Long> verdicts(Connection c, String exercise) throws Exception {
    Map<String, Long> counts = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT r.status, count(*) FROM test_results r JOIN submissions s ON s.id = r.submission_id"
            + " WHERE s.exercise_id = ?::uuid GROUP BY r.status")) {
      s.setString(1, exercise);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return counts;
  }

  /** Every submission row of the exercise, final or not, keyed by id. */
  private static Map<String, Graded> finalRows(Connection c, String exercise) throws Exception {
    Map<String, Graded> rows = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT id::text, status, coalesce(score, -1), graded_at FROM submissions WHERE exercise_id = ?::uuid")) {
      s.setString(1, exercise);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(1), new Graded(rs.getString(2), rs.getDouble(3), rs.getTimestamp(4)));
        }
      }
    }
    return rows;
  }

  private void awaitFullSwing(Burst burst, String exercise, Map<String, Graded> firstSeen)
      throws Exception {
    await("a third of the burst accepted", () -> burst.acceptedSoFar() >= ACCEPTED_BEFORE_FAULT);
    awaitGraded(exercise, GRADED_BEFORE_FAULT, firstSeen);
  }

  /** Polls the database until {@code count} submissions of the exercise are final. */
  private void awaitGraded(String exercise, int count, Map<String, Graded> firstSeen) throws Exception {
    long deadline = System.nanoTime() + HUNG.toNanos();
    while (System.nanoTime() < deadline) {
      if (recordFinal(exercise, firstSeen) >= count) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("only " + firstSeen.size() + " of " + count + " final after " + HUNG);
  }

  private void awaitFinal(String exercise, int count, Map<String, Graded> firstSeen) throws Exception {
    awaitGraded(exercise, count, firstSeen);
  }

  /** Remembers each final row the first time it is seen; returns how many are final. */
  private int recordFinal(String exercise, Map<String, Graded> firstSeen) {
    try (Connection c = system.connect()) {
      finalRows(c, exercise).forEach((id, row) -> {
        if (row.status().equals("GRADED") || row.status().equals("FAILED_INFRA")) {
          firstSeen.putIfAbsent(id, row);
        }
      });
    } catch (java.sql.SQLException e) {
      // PostgreSQL is being restarted by the test itself; the next poll sees it again.
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return firstSeen.size();
  }

  /** How many times a worker started each accepted submission, from the results topic. */
  private Map<String, Integer> startsPerSubmission(List<Burst.Accepted> accepted) throws Exception {
    Set<String> ids = new HashSet<>();
    accepted.forEach(a -> ids.add(a.id()));
    Map<String, Integer> starts = new HashMap<>();
    for (String value : kafka.values("grading.results." + system.run)) {
      JsonNode event = JSON.readTree(value);
      String id = event.path("submissionId").asText();
      if (event.path("type").asText().equals("GradingJobStarted") && ids.contains(id)) {
        starts.merge(id, 1, Integer::sum);
      }
    }
    return starts;
  }

  private void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + HUNG.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.call()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("waited " + HUNG + " for " + what);
  }

  private String newExercise(String slug) throws Exception {
    String id = api.expect(201, "POST", "/api/v1/courses/" + course + "/exercises", instructor,
        Map.of("slug", slug, "title", "Deadline: " + slug, "language", "python3",
            "limits", Map.of("timeSeconds", 2, "memoryMb", 64, "outputKb", 16, "diskMb", 8)))
        .get("id").asText();
    api.expect(201, "PUT", "/api/v1/exercises/" + id + "/suite", instructor, Map.of(
        "entrypoint", "main.py",
        // One short test: the sandbox's start dominates a run, and the faults are the point here.
        "tests", List.of(
            Map.of("name", "adds", "kind", "io", "stdin", "2 3\n", "expectedStdout", "5\n",
                "comparator", "exact", "points", 1, "visibility", "visible"))));
    return id;
  }

  private String member(String admin, String role) throws Exception {
    String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    JsonNode user = api.expect(201, "POST", "/api/v1/users", admin,
        Map.of("name", name, "email", name + "@example.org"));
    api.expect(200, "PUT", "/api/v1/courses/" + course + "/members/" + user.get("id").asText(), admin,
        Map.of("role", role));
    return user.get("token").asText();
  }
}
