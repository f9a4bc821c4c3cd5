package dev.arbiter.worker.launch.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.worker.launch.kubernetes.SandboxJobStatus.Phase;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a Job stands, from Job and pod status alone: no cluster, no clock. */
class SandboxJobStatusTest {

  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration START = Duration.ofSeconds(120);

  @Test
  void jobWithoutPodWithinTheStartTimeoutIsPending() {
    assertEquals(Phase.PENDING, of(new Job(), List.of(), 30).phase());
  }

  @Test
  void jobWithoutPodPastTheStartTimeoutIsAPlatformFailure() {
    assertEquals(Phase.PLATFORM_FAILED, of(new Job(), List.of(), 121).phase());
  }

  @Test
  void aDeletedJobIsAPlatformFailure() {
    assertEquals(Phase.PLATFORM_FAILED, of(null, List.of(), 1).phase());
  }

  @Test
  void failedJobWhoseRunnerNeverRanIsAPlatformFailureNotTheStudents() {
    assertEquals(Phase.PLATFORM_FAILED, of(failed("BackoffLimitExceeded"), List.of(), 1).phase());
  }

  @Test
  void deadlineWinsOverTheKilledContainersExitCode() {
    Pod killed = pod(new ContainerStatusBuilder().withName("runner").withNewState()
        .withNewTerminated().withExitCode(137).withReason("Error").endTerminated().endState().build());
    assertEquals(Phase.DEADLINE_EXCEEDED, of(failed("DeadlineExceeded"), List.of(killed), 1).phase());
  }

  @Test
  void containerThatCouldNotRunIsAPlatformFailure() {
    Pod cannot = pod(new ContainerStatusBuilder().withName("runner").withNewState()
        .withNewTerminated().withExitCode(128).withReason("ContainerCannotRun")
        .withMessage("runsc: no such handler").endTerminated().endState().build());
    assertEquals(Phase.PLATFORM_FAILED, of(new Job(), List.of(cannot), 1).phase());
  }

  @Test
  void runningContainerIsRunningWhateverTheClock() {
    Pod running = pod(new ContainerStatusBuilder().withName("runner").withNewState()
        .withNewRunning().endRunning().endState().build());
    assertEquals(Phase.RUNNING, of(new Job(), List.of(running), 10_000).phase());
  }

  private static SandboxJobStatus of(Job job, List<Pod> pods, long secondsAfterCreation) {
    return SandboxJobStatus.of(job, pods, CREATED, CREATED.plusSeconds(secondsAfterCreation), START);
  }

  private static Job failed(String reason) {
    return new JobBuilder().withNewStatus().addNewCondition().withType("Failed").withStatus("True")
        .withReason(reason).endCondition().endStatus().build();
  }

  private static Pod pod(io.fabric8.kubernetes.api.model.ContainerStatus status) {
    return new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewStatus()
        .withPhase("Running").withContainerStatuses(status).endStatus().build();
  }
}
