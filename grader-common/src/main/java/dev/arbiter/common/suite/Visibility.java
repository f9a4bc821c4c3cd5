package dev.arbiter.common.suite;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a student sees a test's input, expected value and output. */
public enum Visibility {
  @JsonProperty("visible")
  VISIBLE,
  /** The student sees only name, status and score. */
  @JsonProperty("hidden")
  HIDDEN
}
