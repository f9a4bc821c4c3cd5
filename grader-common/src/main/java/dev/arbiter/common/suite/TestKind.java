package dev.arbiter.common.suite;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a test exercises the submission. */
public enum TestKind {
  /** Run the entrypoint with stdin; compare its stdout. */
  @JsonProperty("io")
  IO,
  /** Import a module fresh, call a function with JSON args; compare its JSON result. */
  @JsonProperty("call")
  CALL
}
