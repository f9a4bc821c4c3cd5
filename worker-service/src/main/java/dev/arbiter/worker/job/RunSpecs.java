package dev.arbiter.worker.job;

import dev.arbiter.common.job.GradingJobRequested;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.worker.launch.RunSpec;
import dev.arbiter.worker.launch.SandboxLimits;
import java.util.UUID;

/** Builds what may enter a sandbox from a job: files and test inputs, never expected values. */
final class RunSpecs {

  private RunSpecs() {}

  static RunSpec from(GradingJobRequested job) {
    return new RunSpec(
        UUID.randomUUID().toString().replace("-", ""),
        job.submissionId(),
        job.exerciseId(),
        job.language(),
        job.suite().entrypoint(),
        job.files(),
        job.suite().tests().stream().map(TestCase::sandboxInput).toList(),
        SandboxLimits.from(job.limits()));
  }
}
