package dev.arbiter.api.web.student;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a waiting page polls: the status word and, while queued, where the job stands.
 *
 * @param status QUEUED, RUNNING, GRADED or FAILED_INFRA
 * @param isFinal no further change will come (JSON {@code final})
 * @param position place in the queue (1 = next), 0 when not queued
 * @param etaSeconds estimated wait, 0 when unknown or not queued
 */
public record LiveStatus(
    String status, @JsonProperty("final") boolean isFinal, long position, long etaSeconds) {}
