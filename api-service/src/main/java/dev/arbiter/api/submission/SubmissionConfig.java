package dev.arbiter.api.submission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Submission settings ({@code arbiter.submission.*}). */
@ConfigMapping(prefix = "arbiter.submission")
public interface SubmissionConfig {

  /** Largest submission: the UTF-8 bytes of all file names and contents together (413 above). */
  @WithDefault("1048576")
  int maxBytes();

  /** Most files in one submission. */
  @WithDefault("100")
  int maxFiles();

  /** Longest accepted {@code Idempotency-Key} header. */
  @WithDefault("200")
  int maxIdempotencyKeyLength();

  /** Rate limit per user. */
  RateLimit rateLimit();

  /**
   * Requests that may wait at once for a submission to finish ({@code ?waitSeconds=} on its
   * GET); each holds a worker thread, so beyond this a request answers at once instead.
   */
  @WithDefault("64")
  int maxWaiting();

  /** New submissions one user may make per {@link #window()} (429 with Retry-After above). */
  interface RateLimit {

    /** Submissions allowed per window; 0 turns the limit off. */
    @WithDefault("60")
    int submissions();

    /** The window the limit counts over. */
    @WithDefault("1m")
    Duration window();
  }
}
