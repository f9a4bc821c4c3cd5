package dev.arbiter.api.suite;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Test suite limits ({@code arbiter.suite.*}). */
@ConfigMapping(prefix = "arbiter.suite")
public interface SuiteConfig {

  /**
   * Largest suite, as stored JSON bytes. Every job carries its suite, and a job (suite + files)
   * must stay under Kafka's 16 MiB message size.
   */
  @WithDefault("4194304")
  int maxBytes();

  /** Most tests in one suite. */
  @WithDefault("500")
  int maxTests();
}
