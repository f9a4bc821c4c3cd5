package dev.arbiter.worker.job;

import dev.arbiter.common.job.GradingJobRequested;
import dev.arbiter.worker.launch.RunSpec;
import dev.arbiter.worker.launch.SandboxLimits;
import java.util.UUID;

/** Builds what may enter a sandbox from a job: files and test inputs, never expected values. */
final class RunSpecs {

  private RunSpecs() {}

  static RunSpec from(GradingJobRequested job, VisibleFirst order) {
    return new RunSpec(
        UUID.randomUUID().toString().replace("-", ""),
        job.submissionId(),
        job.exerciseId(),
        job.language(),
        job.suite().entrypoint(),
        job.files(),
        order.inputs(job.suite()),
        order.visibleCount(),
        SandboxLimits.from(job.limits()));
  }
}
