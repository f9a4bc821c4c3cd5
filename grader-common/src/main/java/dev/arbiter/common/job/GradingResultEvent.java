package dev.arbiter.common.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What workers publish to {@value Channels#RESULTS_TOPIC}, keyed by submission id. The JSON
 * carries a {@code type} property naming the event.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = GradingJobStarted.class, name = "GradingJobStarted"),
  @JsonSubTypes.Type(value = GradingJobCompleted.class, name = "GradingJobCompleted")
})
public sealed interface GradingResultEvent permits GradingJobStarted, GradingJobCompleted {

  /** Unique per event; api-service stores each event's effect once. */
  String eventId();

  /** The job this event answers. */
  String jobEventId();

  String submissionId();
}
