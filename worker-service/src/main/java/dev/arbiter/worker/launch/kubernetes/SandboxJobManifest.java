package dev.arbiter.worker.launch.kubernetes;

import dev.arbiter.worker.launch.RunSpec;
import dev.arbiter.worker.launch.RunnerProtocol;
import dev.arbiter.worker.launch.SandboxLimits;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Job that runs one {@link SandboxBatch}. Pure: no client calls, the same input gives the same
 * object, and {@code SandboxJobManifestTest} asserts it field by field. Each setting names the
 * attack it stops; the namespace adds the deny-all NetworkPolicy, quota and Pod Security Admission
 * {@code restricted} (k8s/ and the chart).
 */
public final class SandboxJobManifest {

  /** Name of the only container. */
  public static final String CONTAINER = "runner";

  /** Where the batch file is mounted. */
  public static final String INPUT_DIR = "/sandbox/input";

  /** The sandbox user: nobody, as in the local launcher. */
  public static final long SANDBOX_UID = 65534L;

  /** Written into every Job so the chart's RuntimeClass can be switched off as "none". */
  public static final String NO_RUNTIME_CLASS = "none";

  private SandboxJobManifest() {}

  /** The Job of a run's first (and usually only) batch: every test, attempt 1. */
  public static Job build(RunSpec spec, String nonce, KubernetesSandboxConfig config) {
    return build(new SandboxBatch(spec, 1, 0, spec.tests().size(), nonce), config);
  }

  /** The Job of {@code batch}. */
  public static Job build(SandboxBatch batch, KubernetesSandboxConfig config) {
    RunSpec spec = batch.spec();
    SandboxLimits limits = spec.limits();
    String image = config.images().get(spec.language());
    if (image == null) {
      throw new IllegalArgumentException(
          "no sandbox image for language '" + spec.language() + "' (arbiter.kubernetes.images)");
    }
    Map<String, String> labels = labels(batch, config);
    Map<String, Quantity> resources = resources(batch, config);
    String runtimeClass =
        NO_RUNTIME_CLASS.equals(config.runtimeClassName()) ? null : config.runtimeClassName();
    return new JobBuilder()
        .withNewMetadata()
          .withName(batch.objectName())
          .withNamespace(config.namespace())
          .withLabels(labels)
        .endMetadata()
        .withNewSpec()
          // One pod, never retried by the Job controller: a failed sandbox is the worker's to
          // judge (student fault or platform fault), never silently re-run.
          .withBackoffLimit(0)
          .withCompletions(1)
          .withParallelism(1)
          // Stops a runner that hangs; the runner itself enforces each test's timeout.
          .withActiveDeadlineSeconds(activeDeadline(batch, config).toSeconds())
          // The cluster deletes the Job if the worker died before it could.
          .withTtlSecondsAfterFinished((int) config.ttlAfterFinished().toSeconds())
          .withNewTemplate()
            .withNewMetadata()
              .withLabels(labels)
            .endMetadata()
            .withNewSpec()
              // gVisor: the student's syscalls hit a user-space kernel, not the node's.
              .withRuntimeClassName(runtimeClass)
              .withRestartPolicy("Never")
              // No Kubernetes credentials inside: no token mounted, and a service account
              // without any RoleBinding in case a token is ever mounted.
              .withServiceAccountName(config.serviceAccountName())
              .withAutomountServiceAccountToken(false)
              // No Service addresses in the environment (they map the cluster for an attacker).
              .withEnableServiceLinks(false)
              .withHostNetwork(false)
              .withHostPID(false)
              .withHostIPC(false)
              .withTerminationGracePeriodSeconds(1L)
              .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(SANDBOX_UID)
                .withRunAsGroup(SANDBOX_UID)
                .withNewSeccompProfile()
                  .withType("RuntimeDefault")
                .endSeccompProfile()
              .endSecurityContext()
              .addNewContainer()
                .withName(CONTAINER)
                .withImage(image)
                .withImagePullPolicy(config.imagePullPolicy())
                .withCommand(command(config))
                .addNewEnv().withName("LANG").withValue("C.UTF-8").endEnv()
                .addNewEnv().withName("HOME").withValue("/tmp").endEnv()
                .addNewEnv().withName("PYTHONDONTWRITEBYTECODE").withValue("1").endEnv()
                .withNewSecurityContext()
                  .withRunAsNonRoot(true)
                  .withRunAsUser(SANDBOX_UID)
                  .withRunAsGroup(SANDBOX_UID)
                  .withPrivileged(false)
                  // setuid binaries cannot raise privileges (no_new_privs).
                  .withAllowPrivilegeEscalation(false)
                  // Nothing the student writes outlives the run except in /tmp, which is sized.
                  .withReadOnlyRootFilesystem(true)
                  .withNewCapabilities()
                    .withDrop("ALL")
                  .endCapabilities()
                  .withNewSeccompProfile()
                    .withType("RuntimeDefault")
                  .endSeccompProfile()
                .endSecurityContext()
                // requests = limits: Guaranteed QoS, so a run is never the first evicted and
                // always gets the CPU its time limit assumes.
                .withNewResources()
                  .withRequests(resources)
                  .withLimits(resources)
                .endResources()
                .addNewVolumeMount()
                  .withName("source")
                  .withMountPath(RunnerProtocol.SOURCE_DIR)
                  .withReadOnly(true)
                .endVolumeMount()
                .addNewVolumeMount()
                  .withName("input")
                  .withMountPath(INPUT_DIR)
                  .withReadOnly(true)
                .endVolumeMount()
                .addNewVolumeMount()
                  .withName("tmp")
                  .withMountPath("/tmp")
                .endVolumeMount()
              .endContainer()
              .addNewVolume()
                .withName("source")
                .withNewSecret()
                  .withSecretName(batch.objectName())
                  // Read-only for everyone: the sandbox user is not the files' owner (root).
                  .withDefaultMode(0444)
                  .withItems(sourceItems(spec))
                .endSecret()
              .endVolume()
              .addNewVolume()
                .withName("input")
                .withNewSecret()
                  .withSecretName(batch.objectName())
                  .withDefaultMode(0444)
                  .addNewItem()
                    .withKey(SandboxInputSecret.BATCH_KEY)
                    .withPath(SandboxInputSecret.BATCH_KEY)
                  .endItem()
                .endSecret()
              .endVolume()
              .addNewVolume()
                .withName("tmp")
                // tmpfs of exactly diskBytes: a full /tmp is ENOSPC for the student, not an
                // eviction (a disk-backed emptyDir over its sizeLimit evicts the pod, which
                // would be a platform failure the student caused).
                .withNewEmptyDir()
                  .withMedium("Memory")
                  .withSizeLimit(new Quantity(Long.toString(limits.diskBytes())))
                .endEmptyDir()
              .endVolume()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  /** Labels of the Job, its pod and its Secret. */
  public static Map<String, String> labels(SandboxBatch batch, KubernetesSandboxConfig config) {
    RunSpec spec = batch.spec();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(SandboxLabels.PART_OF, SandboxLabels.PART_OF_VALUE);
    labels.put(SandboxLabels.COMPONENT, SandboxLabels.COMPONENT_VALUE);
    labels.put(SandboxLabels.MANAGED_BY, SandboxLabels.MANAGED_BY_VALUE);
    labels.put(SandboxLabels.RUN_ID, SandboxLabels.labelValue(spec.runId()));
    labels.put(SandboxLabels.ATTEMPT, Integer.toString(batch.attempt()));
    labels.put(SandboxLabels.SUBMISSION_ID, SandboxLabels.labelValue(spec.submissionId()));
    labels.put(SandboxLabels.EXERCISE_ID, SandboxLabels.labelValue(spec.exerciseId()));
    labels.put(SandboxLabels.WORKER_ID, SandboxLabels.labelValue(config.workerId()));
    return labels;
  }

  /**
   * Requests and limits of the container. Memory is the exercise's memory plus the /tmp tmpfs
   * (charged to the same cgroup) plus the runner's own share; ephemeral storage covers the log.
   */
  public static Map<String, Quantity> resources(
      SandboxBatch batch, KubernetesSandboxConfig config) {
    SandboxLimits limits = batch.spec().limits();
    long memory = limits.memoryBytes() + limits.diskBytes() + config.runnerMemoryBytes();
    long storage = maxLogBytes(batch) + config.ephemeralStorageBytes();
    long milliCpu =
        BigDecimal.valueOf(limits.cpuQuota())
            .movePointRight(3)
            .setScale(0, RoundingMode.CEILING)
            .longValueExact();
    Map<String, Quantity> resources = new LinkedHashMap<>();
    resources.put("cpu", new Quantity(milliCpu + "m"));
    resources.put("memory", new Quantity(Long.toString(memory)));
    resources.put("ephemeral-storage", new Quantity(Long.toString(storage)));
    return resources;
  }

  /**
   * Job deadline: time to start plus, per test, its wall timeout and a grace. Counted by the Job
   * controller from the Job's start, so it also bounds scheduling and image pulls.
   */
  public static Duration activeDeadline(SandboxBatch batch, KubernetesSandboxConfig config) {
    Duration perTest = batch.spec().limits().wallTimeout().plus(config.testGrace());
    Duration total = config.startTimeout().plus(perTest.multipliedBy(batch.size()));
    return Duration.ofSeconds(total.toSeconds() + (total.toNanosPart() > 0 ? 1 : 0));
  }

  /** Worst-case pod log of one test: its result frame with both outputs at the cap, base64. */
  public static long maxLogBytesPerTest(SandboxLimits limits) {
    return RunnerProtocol.maxLineBytes(limits.outputBytes());
  }

  /** Worst-case pod log of the batch: the ready frame and every result frame at the cap. */
  public static long maxLogBytes(SandboxBatch batch) {
    return 4096 + batch.size() * maxLogBytesPerTest(batch.spec().limits());
  }

  /** {@code python -I -S -B runner.py --batch /sandbox/input/batch.json}. */
  static List<String> command(KubernetesSandboxConfig config) {
    return List.of(
        config.pythonPath(),
        "-I",
        "-S",
        "-B",
        config.runnerPath(),
        "--batch",
        INPUT_DIR + "/" + SandboxInputSecret.BATCH_KEY);
  }

  private static List<KeyToPath> sourceItems(RunSpec spec) {
    List<KeyToPath> items = new ArrayList<>();
    SandboxInputSecret.fileKeys(spec.files())
        .forEach((name, key) -> items.add(new KeyToPath(key, null, name)));
    return items;
  }
}
