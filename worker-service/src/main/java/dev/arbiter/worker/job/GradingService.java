package dev.arbiter.worker.job;

import dev.arbiter.common.job.GradingJobCompleted;
import dev.arbiter.common.job.GradingJobRequested;
import dev.arbiter.common.job.TestOutcome;
import dev.arbiter.common.status.SubmissionStatus;
import dev.arbiter.worker.judge.Judge;
import dev.arbiter.worker.launch.RunLauncher;
import dev.arbiter.worker.launch.RunReport;
import dev.arbiter.worker.launch.RunSpec;
import dev.arbiter.worker.launch.SandboxFailure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * Grades one job: launch, judge, and retry what the platform got wrong. A platform fault is never
 * a verdict: after the retries the submission is FAILED_INFRA with a reason for staff.
 */
@ApplicationScoped
public class GradingService {

  private final RunLauncher launcher;
  private final WorkerConfig config;
  private final MeterRegistry metrics;
  private final String workerId;
  private final Timer runDuration;

  GradingService(RunLauncher launcher, WorkerConfig config, MeterRegistry metrics) {
    this.launcher = launcher;
    this.config = config;
    this.metrics = metrics;
    this.workerId = config.id().orElseGet(GradingService::defaultWorkerId);
    // Buckets, not only count and sum: operators need the tail (p95, p99) across all workers,
    // which only histogram buckets can be aggregated into.
    this.runDuration = Timer.builder("arbiter.sandbox.run.duration")
        .description("One sandbox attempt of a job, all its tests, from launch to report")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(50))
        .maximumExpectedValue(Duration.ofMinutes(5))
        .register(metrics);
  }

  public String workerId() {
    return workerId;
  }

  public GradingJobCompleted grade(GradingJobRequested job, Instant startedAt) {
    String lastFailure = "not run";
    Duration backoff = config.retryBackoff();
    VisibleFirst order = VisibleFirst.of(job.suite());
    for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
      RunSpec spec = RunSpecs.from(job, order);
      MDC.put("runId", spec.runId());
      try {
        Timer.Sample sample = Timer.start(metrics);
        RunReport report = order.inSuiteOrder(launcher.launch(spec));
        sample.stop(runDuration);
        List<TestOutcome> outcomes =
            Judge.judge(job.suite(), report, job.limits().outputBytes());
        if (!Judge.hasPlatformFault(outcomes)) {
          outcomes.forEach(o -> metrics.counter("arbiter.tests", "status", o.status().name()).increment());
          return completed(job, startedAt, SubmissionStatus.GRADED, outcomes, null, attempt);
        }
        lastFailure = "a test ended in SANDBOX_ERROR";
      } catch (SandboxFailure e) {
        lastFailure = e.getMessage();
      } finally {
        MDC.remove("runId");
      }
      metrics.counter("arbiter.sandbox.errors").increment();
      Log.warnf("attempt %d of %d failed on the platform side: %s", attempt, config.maxAttempts(),
          lastFailure);
      if (attempt < config.maxAttempts()) {
        metrics.counter("arbiter.sandbox.retries").increment();
        sleep(backoff);
        backoff = backoff.multipliedBy(2);
      }
    }
    return completed(job, startedAt, SubmissionStatus.FAILED_INFRA, List.of(),
        "the sandbox failed " + config.maxAttempts() + " times; last: " + lastFailure,
        config.maxAttempts());
  }

  private GradingJobCompleted completed(GradingJobRequested job, Instant startedAt,
      SubmissionStatus outcome, List<TestOutcome> tests, String reason, int attempts) {
    return new GradingJobCompleted(UUID.randomUUID().toString(), GradingJobRequested.SCHEMA_VERSION,
        job.eventId(), job.submissionId(), job.suiteVersion(), outcome, tests, reason, workerId,
        attempts, startedAt, Instant.now());
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String defaultWorkerId() {
    String host = System.getenv().getOrDefault("HOSTNAME", "worker");
    return host + "-" + ProcessHandle.current().pid();
  }
}
