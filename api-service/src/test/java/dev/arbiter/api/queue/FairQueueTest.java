package dev.arbiter.api.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The fairness policy as PostgreSQL applies it. The waiting jobs are written and ranked inside
 * one transaction that is rolled back: the relay never sees them, and nothing is left behind.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class FairQueueTest {

  @Inject EntityManager em;

  @Test
  void dryRunsFirstThenEachStudentsNthSubmissionCoursesTakingTurnsAndRegradesLast() {
    var big = ApiClient.exercise();
    var small = ApiClient.exercise();
    Instant t0 = Instant.now().minus(5, ChronoUnit.MINUTES);
    Map<String, UUID> jobs = new LinkedHashMap<>();

    QuarkusTransaction.begin();
    try {
      // A course-wide regrade, queued before anything else...
      jobs.put("regrade", waiting(big.id(), big.course().bob().id(), "REGRADE", t0));
      // ...one student resubmitting three times, a classmate once, a student of a small course once.
      jobs.put("alice-1", waiting(big.id(), big.course().alice().id(), "SUBMISSION", t0.plusSeconds(1)));
      jobs.put("alice-2", waiting(big.id(), big.course().alice().id(), "SUBMISSION", t0.plusSeconds(2)));
      jobs.put("alice-3", waiting(big.id(), big.course().alice().id(), "SUBMISSION", t0.plusSeconds(3)));
      jobs.put("bob-1", waiting(big.id(), big.course().bob().id(), "SUBMISSION", t0.plusSeconds(4)));
      jobs.put("small-1", waiting(small.id(), small.course().alice().id(), "SUBMISSION", t0.plusSeconds(5)));
      // An instructor's dry run, last to arrive.
      UUID dryRun = UUID.randomUUID();
      outboxRow(dryRun, "DryRun", UUID.randomUUID().toString(), t0.plusSeconds(6));
      jobs.put("dry-run", dryRun);

      List<String> order = new ArrayList<>();
      for (FairQueue.Waiting w : new FairQueue(em, config(64)).all()) {
        jobs.forEach((name, job) -> {
          if (job.equals(w.outboxId())) {
            order.add(name);
          }
        });
      }

      assertEquals(List.of("dry-run", "alice-1", "small-1", "bob-1", "alice-2", "alice-3", "regrade"),
          order);
    } finally {
      QuarkusTransaction.rollback();
    }
  }

  @Test
  void withoutAWindowJobsLeaveInArrivalOrder() {
    var ex = ApiClient.exercise();
    Instant t0 = Instant.now().minus(5, ChronoUnit.MINUTES);
    QuarkusTransaction.begin();
    try {
      UUID regrade = waiting(ex.id(), ex.course().bob().id(), "REGRADE", t0);
      UUID first = waiting(ex.id(), ex.course().alice().id(), "SUBMISSION", t0.plusSeconds(1));
      UUID second = waiting(ex.id(), ex.course().alice().id(), "SUBMISSION", t0.plusSeconds(2));

      List<UUID> order = new FairQueue(em, config(0)).all().stream().map(FairQueue.Waiting::outboxId)
          .filter(List.of(regrade, first, second)::contains).toList();

      assertEquals(List.of(regrade, first, second), order);
    } finally {
      QuarkusTransaction.rollback();
    }
  }

  /** A QUEUED submission with its unpublished grading job; returns the job (outbox row) id. */
  private UUID waiting(String exerciseId, String userId, String purpose, Instant receivedAt) {
    UUID submission = UUID.randomUUID();
    em.createNativeQuery("INSERT INTO submissions (id, exercise_id, user_id, suite_version, files,"
            + " status, purpose, max_score, received_at)"
            + " VALUES (?1, ?2, ?3, 1, '{}'::jsonb, 'QUEUED', ?4, 2, ?5)")
        .setParameter(1, submission).setParameter(2, UUID.fromString(exerciseId))
        .setParameter(3, UUID.fromString(userId)).setParameter(4, purpose)
        .setParameter(5, receivedAt)
        .executeUpdate();
    UUID job = UUID.randomUUID();
    outboxRow(job, "Submission", submission.toString(), receivedAt);
    return job;
  }

  private void outboxRow(UUID id, String aggregateType, String aggregateId, Instant at) {
    em.createNativeQuery("INSERT INTO outbox_events (id, aggregate_type, aggregate_id, type,"
            + " payload, created_at) VALUES (?1, ?2, ?3, 'GradingJobRequested', '{}'::jsonb, ?4)")
        .setParameter(1, id).setParameter(2, aggregateType).setParameter(3, aggregateId)
        .setParameter(4, at)
        .executeUpdate();
  }

  private static QueueConfig config(int window) {
    return new QueueConfig() {
      @Override
      public int dispatchWindow() {
        return window;
      }

      @Override
      public Duration inFlightExpiry() {
        return Duration.ofMinutes(30);
      }

      @Override
      public Duration fairnessHorizon() {
        return Duration.ofMinutes(30);
      }

      @Override
      public Duration throughputWindow() {
        return Duration.ofMinutes(2);
      }

      @Override
      public Duration snapshotTtl() {
        return Duration.ofSeconds(1);
      }
    };
  }
}
