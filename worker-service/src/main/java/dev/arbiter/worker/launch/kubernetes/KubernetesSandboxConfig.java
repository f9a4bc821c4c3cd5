package dev.arbiter.worker.launch.kubernetes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * How the Kubernetes launcher places runs. Used only when {@code arbiter.worker.launcher=kubernetes}; the
 * cluster connection itself is Quarkus' {@code quarkus.kubernetes-client.*} (in-cluster service
 * account by default).
 */
@ConfigMapping(prefix = "arbiter.kubernetes")
public interface KubernetesSandboxConfig {

  /**
   * Namespace of the sandbox Jobs and Secrets. It must carry the deny-all NetworkPolicy, the
   * ResourceQuota/LimitRange and Pod Security Admission {@code restricted}; the worker's Role is
   * limited to it.
   */
  @WithDefault("arbiter-sandbox")
  String namespace();

  /**
   * RuntimeClass of every sandbox pod. {@code gvisor} (handler runsc) puts a user-space kernel
   * between the student and the node's kernel; {@code none} uses the cluster's default runtime and
   * is meant only for clusters where another VM-grade layer (e.g. Kata) is the default.
   */
  @WithDefault("gvisor")
  String runtimeClassName();

  /**
   * Sandbox image per language ({@code arbiter.kubernetes.images.python3=…}). Pin by digest in
   * production so a tag move cannot change what runs students' code. The default for {@code
   * python3} is in application.properties (a map has no single default value).
   */
  Map<String, String> images();

  /**
   * Service account of sandbox pods: one with no RoleBinding at all (its token is not mounted
   * either), so even a leaked token would grant nothing. Not the namespace's {@code default}.
   */
  @WithDefault("arbiter-sandbox")
  String serviceAccountName();

  /** Image pull policy of sandbox pods. */
  @WithDefault("IfNotPresent")
  String imagePullPolicy();

  /** Interpreter inside the sandbox image, given to the runner in its hello frame. */
  @WithDefault("/usr/bin/python3")
  String pythonPath();

  /** Path of runner.py inside the sandbox image. */
  @WithDefault("/sandbox/runner.py")
  String runnerPath();

  /**
   * This worker instance, written on every object it creates. After a restart (same pod name)
   * the worker deletes its own leftovers. Defaults to the pod name.
   */
  @WithDefault("${HOSTNAME:arbiter-worker}")
  String workerId();

  /** Sandbox Jobs one worker runs at the same time; further runs wait for a slot. */
  @WithDefault("4")
  int maxConcurrentJobs();

  /**
   * From Job creation until the runner's container is running. Past it a pod that is still
   * unschedulable, pulling its image or creating its sandbox is a platform failure (retried,
   * never charged to the student).
   */
  @WithDefault("120s")
  Duration startTimeout();

  /**
   * Slack per test on top of its wall timeout (runner fork/exec, reporting) when the Job's {@code
   * activeDeadlineSeconds} is computed. The runner enforces each test's own timeout; the deadline
   * only stops a runner that hangs.
   */
  @WithDefault("5s")
  Duration testGrace();

  /**
   * {@code ttlSecondsAfterFinished} of every Job: the cluster deletes a finished Job (and its
   * pods) by itself if the worker died before it could. The worker deletes sooner.
   */
  @WithDefault("10m")
  Duration ttlAfterFinished();

  /**
   * A sandbox Job of another worker is an orphan once it is older than its own {@code
   * activeDeadlineSeconds} plus this; at start-up the worker deletes such Jobs and their Secrets.
   */
  @WithDefault("5m")
  Duration orphanGrace();

  /**
   * Most pod-log bytes one Job may produce. Kept under the kubelet's {@code containerLogMaxSize}
   * (10 MiB by default), which rotates the log and would lose result frames; the launcher splits a
   * run into several Jobs when the tests' worst-case output could pass it.
   */
  @WithDefault("8388608")
  long maxLogBytes();

  /**
   * Largest input Secret (submission files plus the batch file). Secrets are stored in etcd, which
   * caps an object at 1 MiB; a larger input is a platform failure with this reason for staff.
   */
  @WithDefault("921600")
  long maxInputBytes();

  /**
   * Extra bytes of memory limit for the runner process and the interpreter's start-up, on top of
   * the exercise's memoryMb and the /tmp tmpfs (which the kernel charges to the same cgroup).
   */
  @WithDefault("33554432")
  long runnerMemoryBytes();

  /**
   * ephemeral-storage request and limit of the sandbox container beyond its log: the root
   * filesystem is read-only, so only the container log and runtime bookkeeping use the node disk.
   */
  @WithDefault("16777216")
  long ephemeralStorageBytes();
}
