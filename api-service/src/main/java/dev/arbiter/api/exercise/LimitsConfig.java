package dev.arbiter.api.exercise;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Run limits ({@code arbiter.limits.*}): the defaults an exercise gets when it names none, and the
 * maxima every exercise's limits are capped to when read (so lowering a maximum applies to every
 * exercise at once).
 */
@ConfigMapping(prefix = "arbiter.limits")
public interface LimitsConfig {

  /** Wall-clock seconds per test when the exercise names none. */
  @WithDefault("5")
  int defaultTimeSeconds();

  /** Sandbox memory in MiB when the exercise names none. */
  @WithDefault("200")
  int defaultMemoryMb();

  /** Cap on stdout and on stderr, each, in KiB, when the exercise names none. */
  @WithDefault("64")
  int defaultOutputKb();

  /** Writable sandbox space in MiB when the exercise names none. */
  @WithDefault("64")
  int defaultDiskMb();

  /** Processes and threads per run when the exercise names none. */
  @WithDefault("64")
  int defaultProcesses();

  /** Upper bound on any exercise's wall-clock seconds per test. */
  @WithDefault("30")
  int maxTimeSeconds();

  /** Upper bound on any exercise's memory in MiB. */
  @WithDefault("1024")
  int maxMemoryMb();

  /** Upper bound on any exercise's output cap in KiB. */
  @WithDefault("1024")
  int maxOutputKb();

  /** Upper bound on any exercise's writable space in MiB. */
  @WithDefault("512")
  int maxDiskMb();

  /** Upper bound on any exercise's processes and threads per run. */
  @WithDefault("256")
  int maxProcesses();
}
