package dev.arbiter.worker.job;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the real Kafka broker through scripts/kafka.sh (idempotent) and gives this test run its
 * own topics and consumer group, so concurrent runs on the same broker never see each other's jobs.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

  public static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  public static final String JOBS = "grading.jobs." + RUN;
  public static final String RESULTS = "grading.results." + RUN;
  public static final String DLQ = "grading.jobs.dlq." + RUN;

  @Override
  public Map<String, String> start() {
    String bootstrap = script("kafka.sh", "start", "bootstrap");
    return Map.of(
        "kafka.bootstrap.servers", bootstrap,
        "mp.messaging.incoming.grading-jobs.topic", JOBS,
        "mp.messaging.incoming.grading-jobs.group.id", "workers-" + RUN,
        "mp.messaging.outgoing.grading-results.topic", RESULTS,
        "mp.messaging.outgoing.grading-jobs-dlq.topic", DLQ);
  }

  @Override
  public void stop() {
    // The broker is shared by every test run on this machine; the topics are this run's only.
  }

  public static String bootstrap() {
    return script("kafka.sh", "bootstrap");
  }

  /** Runs scripts/NAME with each argument in turn and returns the last one's output. */
  static String script(String name, String... commands) {
    Path script = repoRoot().resolve("scripts").resolve(name);
    String out = "";
    for (String command : commands) {
      try {
        Process p = new ProcessBuilder(script.toString(), command).redirectErrorStream(false)
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
          throw new IllegalStateException(script + " " + command + " failed");
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot run " + script, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("scripts/kafka.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find scripts/kafka.sh above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
