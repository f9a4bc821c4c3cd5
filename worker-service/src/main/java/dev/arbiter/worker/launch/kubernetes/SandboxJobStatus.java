package dev.arbiter.worker.launch.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where a sandbox Job stands, read from the Job and its pod as the informers last saw them. Pure,
 * so every transition is tested without a cluster. Platform faults ({@link Phase#PLATFORM_FAILED})
 * are kept apart from everything the student's code can cause: only the former may become a
 * SandboxFailure, and nothing a submission does can produce one.
 *
 * @param phase where the Job stands
 * @param podName the pod whose log carries the result frames, when there is one
 * @param reason short reason for logs and staff (never file contents)
 */
public record SandboxJobStatus(Phase phase, String podName, String reason) {

  /** Where a Job stands. */
  public enum Phase {
    /** Not running yet (scheduling, pulling, creating the sandbox), within the start timeout. */
    PENDING,
    /** The runner's container runs: its log can be followed. */
    RUNNING,
    /** The runner exited 0: every test of the batch has its frame (or the log says otherwise). */
    COMPLETE,
    /** {@code activeDeadlineSeconds} passed: the running test is TIME_LIMIT. */
    DEADLINE_EXCEEDED,
    /** The container was OOM-killed: the running test is MEMORY_LIMIT. */
    OOM_KILLED,
    /** The runner exited non-zero by itself: the running test is RUNNER_LOST. */
    RUNNER_FAILED,
    /** The platform failed (evicted, image, unschedulable, node lost, Job gone): retried. */
    PLATFORM_FAILED;

    public boolean isFinal() {
      return this != PENDING && this != RUNNING;
    }
  }

  /**
   * Waiting reasons that mean the container will not start by itself soon: image problems and
   * runtime errors (e.g. a node without the gVisor handler). The kubelet would keep retrying some
   * of them; the worker retries the whole run instead, with its own backoff.
   */
  static final Set<String> PLATFORM_WAITING_REASONS =
      Set.of(
          "ErrImagePull",
          "ImagePullBackOff",
          "InvalidImageName",
          "ErrImageNeverPull",
          "CreateContainerConfigError",
          "CreateContainerError",
          "RunContainerError");

  /**
   * Pod condition set when the pod is taken away for reasons outside the run: eviction,
   * preemption, the taint manager after a node was lost, kubelet node shutdown.
   */
  static final String DISRUPTION_TARGET = "DisruptionTarget";

  /**
   * Classifies the Job.
   *
   * @param job the Job as last seen; null when it is gone (or not seen yet: the caller decides)
   * @param pods the Job's pods (at most one, backoffLimit 0; the Job controller may have deleted
   *     it after a deadline)
   * @param createdAt when the worker created the Job
   * @param now the present
   * @param startTimeout how long the pod may take to run
   */
  public static SandboxJobStatus of(
      Job job, List<Pod> pods, Instant createdAt, Instant now, Duration startTimeout) {
    if (job == null) {
      return platform(null, "the sandbox Job was deleted before it finished");
    }
    Pod pod = pods.isEmpty() ? null : pods.get(pods.size() - 1);
    String podName = pod == null ? null : pod.getMetadata().getName();
    if (pod != null) {
      String disruption = disruption(pod);
      if (disruption != null) {
        return platform(podName, disruption);
      }
    }
    if (hasCondition(job, "Failed", "DeadlineExceeded")) {
      return new SandboxJobStatus(Phase.DEADLINE_EXCEEDED, podName, "Job deadline exceeded");
    }
    ContainerStatus container = pod == null ? null : runnerStatus(pod);
    if (container != null && container.getState() != null) {
      ContainerStateTerminated terminated = container.getState().getTerminated();
      if (terminated != null) {
        if ("OOMKilled".equals(terminated.getReason())) {
          return new SandboxJobStatus(Phase.OOM_KILLED, podName, "sandbox OOM-killed");
        }
        Integer exit = terminated.getExitCode();
        if (exit != null && exit == 0) {
          return new SandboxJobStatus(Phase.COMPLETE, podName, "runner exited 0");
        }
        if (terminated.getStartedAt() == null && "ContainerCannotRun".equals(terminated.getReason())) {
          return platform(podName, "container could not run: " + terminated.getMessage());
        }
        return new SandboxJobStatus(
            Phase.RUNNER_FAILED, podName, "runner exited with " + exit + " (" + terminated.getReason() + ")");
      }
      ContainerStateWaiting waiting = container.getState().getWaiting();
      if (waiting != null && PLATFORM_WAITING_REASONS.contains(waiting.getReason())) {
        return platform(podName, "sandbox container " + waiting.getReason());
      }
      if (container.getState().getRunning() != null) {
        return new SandboxJobStatus(Phase.RUNNING, podName, "running");
      }
    }
    if (hasCondition(job, "Complete", null)) {
      return new SandboxJobStatus(Phase.COMPLETE, podName, "Job complete");
    }
    if (hasCondition(job, "Failed", null)) {
      return platform(podName, "Job failed without a runner exit (" + failedReason(job) + ")");
    }
    if (pod != null && "Failed".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
      return platform(podName, "pod failed before the runner ran: " + pod.getStatus().getReason());
    }
    if (Duration.between(createdAt, now).compareTo(startTimeout) > 0) {
      return platform(podName, "not running after " + startTimeout.toSeconds() + "s: " + pendingWhy(pod));
    }
    return new SandboxJobStatus(Phase.PENDING, podName, pendingWhy(pod));
  }

  private static SandboxJobStatus platform(String podName, String reason) {
    return new SandboxJobStatus(Phase.PLATFORM_FAILED, podName, reason);
  }

  private static String disruption(Pod pod) {
    if (pod.getStatus() == null) {
      return null;
    }
    if ("Evicted".equals(pod.getStatus().getReason())) {
      return "pod evicted: " + pod.getStatus().getMessage();
    }
    if ("NodeLost".equals(pod.getStatus().getReason())) {
      return "node lost";
    }
    for (PodCondition condition : nullSafe(pod.getStatus().getConditions())) {
      if (DISRUPTION_TARGET.equals(condition.getType()) && "True".equals(condition.getStatus())) {
        return "pod disrupted: " + condition.getReason();
      }
    }
    return null;
  }

  private static String pendingWhy(Pod pod) {
    if (pod == null || pod.getStatus() == null) {
      return "no pod yet";
    }
    for (PodCondition condition : nullSafe(pod.getStatus().getConditions())) {
      if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
        return "unschedulable (" + condition.getReason() + "): " + condition.getMessage();
      }
    }
    ContainerStatus container = runnerStatus(pod);
    if (container != null && container.getState() != null && container.getState().getWaiting() != null) {
      return "container waiting: " + container.getState().getWaiting().getReason();
    }
    return "pod " + pod.getStatus().getPhase();
  }

  private static ContainerStatus runnerStatus(Pod pod) {
    if (pod.getStatus() == null) {
      return null;
    }
    for (ContainerStatus status : nullSafe(pod.getStatus().getContainerStatuses())) {
      if (SandboxJobManifest.CONTAINER.equals(status.getName())) {
        return status;
      }
    }
    return null;
  }

  private static boolean hasCondition(Job job, String type, String reason) {
    if (job.getStatus() == null) {
      return false;
    }
    for (JobCondition condition : nullSafe(job.getStatus().getConditions())) {
      if (type.equals(condition.getType())
          && "True".equals(condition.getStatus())
          && (reason == null || reason.equals(condition.getReason()))) {
        return true;
      }
    }
    return false;
  }

  private static String failedReason(Job job) {
    for (JobCondition condition : nullSafe(job.getStatus().getConditions())) {
      if ("Failed".equals(condition.getType())) {
        return condition.getReason();
      }
    }
    return "unknown";
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
