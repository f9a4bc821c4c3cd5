package dev.arbiter.api.result;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Results consumer settings ({@code arbiter.results.*}). */
@ConfigMapping(prefix = "arbiter.results")
public interface ResultsConfig {

  /** First pause before retrying a result while the database is unreachable. */
  @WithDefault("250ms")
  Duration initialBackoff();

  /** Longest pause between such retries. */
  @WithDefault("10s")
  Duration maxBackoff();
}
