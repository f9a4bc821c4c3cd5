package dev.arbiter.worker.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How a worker takes and retries jobs. */
@ConfigMapping(prefix = "arbiter.worker")
public interface WorkerConfig {

  /**
   * Sandbox runs at once in this worker (backpressure: further jobs wait in Kafka). Also sets the
   * size of the grading worker pool ({@code smallrye.messaging.worker.grading.max-concurrency}).
   */
  @WithDefault("4")
  int concurrency();

  /** Sandbox attempts per job before the platform gives up and the submission is FAILED_INFRA. */
  @WithDefault("3")
  int maxAttempts();

  /** Wait before the first retry of a platform failure; doubled for each further retry. */
  @WithDefault("500ms")
  Duration retryBackoff();

  /** How long to wait for Kafka to acknowledge a result before the job is left unacknowledged. */
  @WithDefault("30s")
  Duration publishTimeout();

  /** Name of this worker in results and logs; defaults to the host name and pid. */
  Optional<String> id();

  /** Where runs happen: {@code oci} (runc/runsc on this machine) or {@code kubernetes} (a Job each). */
  @WithDefault("oci")
  Launcher launcher();

  /** The launchers a worker can use. */
  enum Launcher {
    OCI,
    KUBERNETES
  }
}
