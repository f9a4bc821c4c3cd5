package dev.arbiter.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The grading queue seen from outside: fair dispatch, queue position and ETA, Prometheus metrics,
 * and replaying what the platform failed to grade. One job at a time leaves PostgreSQL (dispatch
 * window 1) for one worker running one sandbox at a time, so the order in which submissions are
 * graded is the order the queue chose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueIT {

  private static final Duration HUNG = Duration.ofMinutes(4);
  /** Long enough that the line does not empty while the test reads it. */
  private static final Map<String, String> SLOW = Map.of("main.py",
      "import time\ntime.sleep(0.7)\nprint(sum(map(int, input().split())))\n");
  private static final Map<String, String> FAST = Map.of("main.py",
      "print(sum(map(int, input().split())))\n");
  private static final Map<String, String> ONE_AT_A_TIME = Map.of("arbiter.worker.concurrency", "1");

  private ArbiterProcesses system;
  private HttpApi api;
  private String admin;
  private String instructor;
  private String bigCourse;
  private String smallCourse;
  private String bigExercise;
  private String smallExercise;

  @BeforeAll
  void startEverything() throws Exception {
    system = new ArbiterProcesses();
    system.startWorker(1, ONE_AT_A_TIME);
    api = new HttpApi(system.startApi(Map.of("arbiter.queue.dispatch-window", "1")));
    admin = system.bootstrapToken;
    bigCourse = course("Big");
    smallCourse = course("Small");
    instructor = member(bigCourse, "INSTRUCTOR");
    api.expect(200, "PUT", "/api/v1/courses/" + smallCourse + "/members/" + userId(instructor), admin,
        Map.of("role", "INSTRUCTOR"));
    bigExercise = exercise(bigCourse);
    smallExercise = exercise(smallCourse);
  }

  @AfterAll
  void stopEverything() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void aStudentResubmittingInALoopDoesNotHoldBackOtherStudentsOrCourses() throws Exception {
    String looper = member(bigCourse, "STUDENT");
    String classmate = member(bigCourse, "STUDENT");
    String elsewhere = member(smallCourse, "STUDENT");
    List<String> loop = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      loop.add(submit(bigExercise, looper, SLOW));
    }
    String classmates = submit(bigExercise, classmate, SLOW);
    String others = submit(smallExercise, elsewhere, SLOW);

    List<String> order = gradedOrder(loop, classmates, others);

    // First come, first served would grade both last. The looper's first submissions may already
    // have left the queue when the others arrived; never more than two of them.
    assertTrue(order.indexOf(classmates) <= 3, "classmate graded " + order.indexOf(classmates) + ": " + order);
    assertTrue(order.indexOf(others) <= 3, "other course graded " + order.indexOf(others) + ": " + order);
    assertEquals(loop, order.stream().filter(loop::contains).toList(), "the looper's own in order");
  }

  @Test
  void queuedSubmissionsShowTheirPlaceInTheFairOrderAndAnEstimate() throws Exception {
    String looper = member(bigCourse, "STUDENT");
    String other = member(smallCourse, "STUDENT");
    List<String> loop = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      loop.add(submit(bigExercise, looper, SLOW));
    }
    String late = submit(smallExercise, other, SLOW);

    JsonNode last = view(loop.get(4), looper);
    JsonNode fair = view(late, other);

    // One job at a time, each well over half a second: both are certainly still waiting.
    assertEquals("QUEUED", last.get("status").asText(), last.toString());
    assertEquals("QUEUED", fair.get("status").asText(), fair.toString());
    assertTrue(fair.get("queuePosition").asLong() < last.get("queuePosition").asLong(),
        "the other student's first is ahead of the looper's fifth: " + fair + " / " + last);
    // Once something was graded the throughput is measured, and a waiting submission gets an ETA.
    awaitFinal(loop.get(0), looper);
    JsonNode waiting = view(loop.get(4), looper);
    long deadline = System.nanoTime() + HUNG.toNanos();
    while (waiting.get("etaSeconds") == null && waiting.get("status").asText().equals("QUEUED")
        && System.nanoTime() < deadline) {
      Thread.sleep(100); // the queue is read at most once a second
      waiting = view(loop.get(4), looper);
    }
    assertEquals("QUEUED", waiting.get("status").asText(), waiting.toString());
    assertTrue(waiting.get("queuePosition").asLong() >= 1, waiting.toString());
    assertTrue(waiting.get("etaSeconds").asLong() >= 1, waiting.toString());
    JsonNode done = awaitFinal(loop.get(4), looper);
    assertNull(done.get("queuePosition"), "no place in line once graded: " + done);
    assertNull(done.get("etaSeconds"), done.toString());
    awaitFinal(late, other);
  }

  @Test
  void metricsShowTheQueueTheOutboxAndSubmitToGradedLatency() throws Exception {
    String student = member(smallCourse, "STUDENT");
    awaitFinal(submit(smallExercise, student, FAST), student);

    for (String metric : List.of("arbiter_submissions_queued", "arbiter_submissions_running",
        "arbiter_queue_waiting", "arbiter_queue_dispatched", "arbiter_queue_throughput",
        "arbiter_outbox_backlog")) {
      assertTrue(has("api", metric), metric);
    }
    assertTrue(system.metric("api", "arbiter_submission_latency_seconds_count") >= 1);
    assertTrue(has("api", "arbiter_submission_latency_seconds_bucket"));
    assertTrue(system.metric("worker-1", "arbiter_jobs_completed_total") >= 1);
    assertTrue(has("worker-1", "arbiter_sandbox_run_duration_seconds_bucket"));
  }

  @Test
  void failedInfraSubmissionsAreGradedOnceAnAdministratorReplaysThem() throws Exception {
    String student = member(smallCourse, "STUDENT");
    String failed;
    system.kill("worker-1");
    try {
      // A worker whose sandbox runtime is broken: every attempt is a platform failure.
      system.startWorker(9, Map.of("arbiter.sandbox.runtime", "/bin/false",
          "arbiter.worker.retry-backoff", "100ms"));
      failed = submit(smallExercise, student, FAST);
      JsonNode view = awaitFinal(failed, student);
      assertEquals("FAILED_INFRA", view.get("status").asText(), view.toString());
      JsonNode staffView = api.expect(200, "GET", "/api/v1/submissions/" + failed, instructor, null);
      assertTrue(staffView.path("infraReason").asText().contains("sandbox failed"), staffView.toString());
    } finally {
      system.kill("worker-9");
      system.startWorker(1, ONE_AT_A_TIME);
    }
    assertEquals(403, api.call("POST", "/api/v1/admin/failed-submissions/replay", instructor,
        Map.of("submissionIds", List.of(failed))).status());
    JsonNode listed = api.expect(200, "GET", "/api/v1/admin/failed-submissions?exerciseId=" + smallExercise,
        admin, null);
    assertTrue(listed.toString().contains(failed), listed.toString());

    JsonNode replayed = api.expect(202, "POST", "/api/v1/admin/failed-submissions/replay", admin,
        Map.of("submissionIds", List.of(failed)));

    assertEquals(1, replayed.get("replayed").asInt());
    JsonNode view = awaitFinal(failed, student);
    assertEquals("GRADED", view.get("status").asText(), view.toString());
    assertEquals(1.0, view.get("score").asDouble());
    JsonNode again = api.expect(202, "POST", "/api/v1/admin/failed-submissions/replay", admin,
        Map.of("submissionIds", List.of(failed)));
    assertEquals(0, again.get("replayed").asInt(), "a graded submission is not replayed");
    try (var c = system.connect();
        var s = c.prepareStatement("SELECT count(*) FROM outbox_events WHERE aggregate_id = ?")) {
      s.setString(1, failed);
      try (var rs = s.executeQuery()) {
        rs.next();
        assertEquals(2, rs.getInt(1), "one job for the submission, one for its replay");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private boolean has(String process, String metric) throws Exception {
    return system.metrics(process).lines().anyMatch(l -> l.startsWith(metric + " ") || l.startsWith(metric + "{"));
  }

  /** The given submissions in the order they were graded (by the stored gradedAt). */
  private List<String> gradedOrder(List<String> loop, String... others) throws Exception {
    record Graded(String id, Instant at) {}
    List<Graded> all = new ArrayList<>();
    List<String> ids = new ArrayList<>(loop);
    ids.addAll(List.of(others));
    for (String id : ids) {
      JsonNode v = awaitFinal(id, instructor);
      assertEquals("GRADED", v.get("status").asText(), v.toString());
      all.add(new Graded(id, Instant.parse(v.get("gradedAt").asText())));
    }
    all.sort((a, b) -> a.at().compareTo(b.at()));
    return all.stream().map(Graded::id).toList();
  }

  private JsonNode view(String id, String token) throws Exception {
    return api.expect(200, "GET", "/api/v1/submissions/" + id, token, null);
  }

  private JsonNode awaitFinal(String id, String token) throws Exception {
    return api.awaitFinal(id, token, HUNG);
  }

  private String submit(String exercise, String token, Map<String, String> files) throws Exception {
    JsonNode r = api.expect(202, "POST", "/api/v1/exercises/" + exercise + "/submissions", token,
        Map.of("files", files));
    assertNotNull(r.get("id"));
    return r.get("id").asText();
  }

  private String course(String title) throws Exception {
    return api.expect(201, "POST", "/api/v1/courses", admin, Map.of("title", title + " " + system.run))
        .get("id").asText();
  }

  private String exercise(String course) throws Exception {
    String slug = "sum-" + UUID.randomUUID().toString().substring(0, 6);
    String id = api.expect(201, "POST", "/api/v1/courses/" + course + "/exercises", instructor,
        Map.of("slug", slug, "title", "Sum", "language", "python3",
            "limits", Map.of("timeSeconds", 3, "memoryMb", 64, "outputKb", 16, "diskMb", 8)))
        .get("id").asText();
    api.expect(201, "PUT", "/api/v1/exercises/" + id + "/suite", instructor, Map.of(
        "entrypoint", "main.py",
        "tests", List.of(Map.of("name", "adds", "kind", "io", "stdin", "2 3\n",
            "expectedStdout", "5\n", "comparator", "exact", "points", 1, "visibility", "visible"))));
    return id;
  }

  private final Map<String, String> userIds = new java.util.HashMap<>();

  private String member(String course, String role) throws Exception {
    String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    JsonNode user = api.expect(201, "POST", "/api/v1/users", admin,
        Map.of("name", name, "email", name + "@example.org"));
    api.expect(200, "PUT", "/api/v1/courses/" + course + "/members/" + user.get("id").asText(), admin,
        Map.of("role", role));
    userIds.put(user.get("token").asText(), user.get("id").asText());
    return user.get("token").asText();
  }

  private String userId(String token) {
    return userIds.get(token);
  }
}
