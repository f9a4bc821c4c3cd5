package dev.arbiter.api.lti.ags;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which of a student's graded submissions an exercise reports to the LMS. */
public enum PassbackPolicy {
  /** The highest score (as a fraction of its maximum); later worse attempts do not lower the grade. */
  @JsonProperty("best")
  BEST,
  /** The most recently received graded submission. */
  @JsonProperty("latest")
  LATEST
}
