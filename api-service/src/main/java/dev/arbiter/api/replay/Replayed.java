package dev.arbiter.api.replay;

import java.util.List;

/**
 * What a replay queued.
 *
 * @param replayed how many submissions are QUEUED again
 * @param submissionIds their ids, each now with a new grading job
 */
public record Replayed(int replayed, List<String> submissionIds) {}
