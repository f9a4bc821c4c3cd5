package dev.arbiter.api.exercise;

import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.common.status.RunLimits;
import jakarta.enterprise.context.ApplicationScoped;

/** Requested limits, defaulted and capped by {@link LimitsConfig}. */
@ApplicationScoped
public class EffectiveLimits {

  private final LimitsConfig config;

  EffectiveLimits(LimitsConfig config) {
    this.config = config;
  }

  /** What a run of this exercise gets. */
  public RunLimits of(Exercise e) {
    return new RunLimits(
        Math.min(e.timeSeconds, config.maxTimeSeconds()),
        Math.min(e.memoryMb, config.maxMemoryMb()),
        Math.min(e.outputKb, config.maxOutputKb()),
        Math.min(e.diskMb, config.maxDiskMb()),
        Math.min(e.maxProcesses, config.maxProcesses()));
  }

  /** Requested limits with defaults filled in (stored uncapped). */
  RunLimits requested(LimitsRequest r) {
    LimitsRequest l = r == null ? new LimitsRequest(null, null, null, null, null) : r;
    return new RunLimits(
        positive("timeSeconds", l.timeSeconds(), config.defaultTimeSeconds()),
        positive("memoryMb", l.memoryMb(), config.defaultMemoryMb()),
        positive("outputKb", l.outputKb(), config.defaultOutputKb()),
        positive("diskMb", l.diskMb(), config.defaultDiskMb()),
        positive("maxProcesses", l.maxProcesses(), config.defaultProcesses()));
  }

  private static int positive(String name, Integer value, int fallback) {
    if (value == null) {
      return fallback;
    }
    if (value < 1) {
      throw ProblemException.invalid(
          "limits." + name + " must be a positive integer");
    }
    return value;
  }
}
