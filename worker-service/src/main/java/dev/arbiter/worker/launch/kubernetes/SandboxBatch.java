package dev.arbiter.worker.launch.kubernetes;

import dev.arbiter.common.suite.TestCase;
import dev.arbiter.worker.launch.RunSpec;
import java.util.List;

/**
 * What one sandbox Job runs: the contiguous tests {@code [fromIndex, toIndex)} of a run. A run
 * needs more than one Job when its worst-case log would not fit one pod log, or when a runner was
 * lost mid-run and the remaining tests go to a fresh sandbox.
 *
 * @param spec the whole run
 * @param attempt 1 for the run's first Job, then 2, 3, …; part of the Job's name
 * @param fromIndex first test of this Job (index in the spec)
 * @param toIndex one past the last test of this Job
 * @param nonce the runner's frame nonce for this Job (32 hex digits)
 */
public record SandboxBatch(RunSpec spec, int attempt, int fromIndex, int toIndex, String nonce) {

  public SandboxBatch {
    if (attempt < 1 || fromIndex < 0 || toIndex <= fromIndex || toIndex > spec.tests().size()) {
      throw new IllegalArgumentException(
          "bad batch " + attempt + " [" + fromIndex + ", " + toIndex + ")");
    }
  }

  /** Name of the Job and of its input Secret: deterministic, so a repeated create is a 409. */
  public String objectName() {
    return SandboxLabels.objectName(spec.runId(), attempt);
  }

  /** Inputs of this Job's tests, in order; index {@code i} here is test {@code fromIndex + i}. */
  public List<TestCase.SandboxInput> tests() {
    return spec.tests().subList(fromIndex, toIndex);
  }

  public int size() {
    return toIndex - fromIndex;
  }
}
