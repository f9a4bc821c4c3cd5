package dev.arbiter.worker.launch;

import dev.arbiter.common.status.RunLimits;
import java.time.Duration;

/**
 * Every limit of one sandbox, each named once with its unit. Derived from an exercise's effective
 * {@link RunLimits}.
 *
 * @param wallTimeout wall-clock time of each test; killed from outside when exceeded (stops sleepers)
 * @param cpuTime CPU time of each test (RLIMIT_CPU; stops busy loops that hide behind waits)
 * @param memoryBytes cgroup memory of the whole sandbox, swap included (no swap)
 * @param outputBytes cap on stdout and on stderr of each test, each
 * @param diskBytes size of the writable tmpfs (/tmp), the only writable space
 * @param maxProcesses cgroup pids limit: processes and threads (stops fork bombs)
 * @param maxOpenFiles RLIMIT_NOFILE
 * @param maxFileSizeBytes RLIMIT_FSIZE: largest file a test may write
 * @param cpuQuota CPU share as a fraction of one core (cgroup cpu quota / period)
 */
public record SandboxLimits(
    Duration wallTimeout,
    Duration cpuTime,
    long memoryBytes,
    long outputBytes,
    long diskBytes,
    int maxProcesses,
    int maxOpenFiles,
    long maxFileSizeBytes,
    double cpuQuota) {

  /** Maps the contract's per-exercise limits onto sandbox limits. */
  public static SandboxLimits from(RunLimits limits) {
    return new SandboxLimits(
        Duration.ofSeconds(limits.timeSeconds()),
        Duration.ofSeconds(limits.timeSeconds()),
        limits.memoryBytes(),
        limits.outputBytes(),
        limits.diskBytes(),
        limits.maxProcesses(),
        64,
        limits.diskBytes(),
        1.0);
  }
}
