package dev.arbiter.worker.launch;

/**
 * How one test's process ended, as observed from outside the submission's control. The judge maps
 * it to a contract status; only {@link #PLATFORM_FAILED} may become SANDBOX_ERROR.
 */
public enum Termination {
  /** Exited by itself; see exit code. */
  EXITED,
  /** Killed by a signal nobody on our side sent (its own, or a crash). */
  SIGNALED,
  /** Wall-clock or CPU limit reached; killed by us. */
  TIME_LIMIT,
  /** cgroup OOM kill, or the interpreter's MemoryError. */
  MEMORY_LIMIT,
  /** stdout or stderr passed the cap; killed by us. */
  OUTPUT_LIMIT,
  /** The in-sandbox runner died or spoke out of protocol during this test: the student's doing. */
  RUNNER_LOST,
  /** Our side failed during this test (not the student's doing). */
  PLATFORM_FAILED
}
