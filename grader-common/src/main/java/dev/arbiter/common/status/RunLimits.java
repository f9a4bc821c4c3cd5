package dev.arbiter.common.status;

/**
 * The effective (already capped) limits of an exercise, as the contract names them.
 *
 * @param timeSeconds wall-clock seconds for each test's run (CPU time is limited to the same)
 * @param memoryMb memory of the whole sandbox, no swap
 * @param outputKb cap on stdout and on stderr, each
 * @param diskMb all writable space in the sandbox
 * @param maxProcesses processes and threads in the sandbox
 */
public record RunLimits(int timeSeconds, int memoryMb, int outputKb, int diskMb, int maxProcesses) {

  public static final RunLimits DEFAULTS = new RunLimits(5, 200, 64, 64, 64);

  public long memoryBytes() {
    return memoryMb * 1024L * 1024L;
  }

  public long outputBytes() {
    return outputKb * 1024L;
  }

  public long diskBytes() {
    return diskMb * 1024L * 1024L;
  }
}
