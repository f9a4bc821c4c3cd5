package dev.arbiter.api.submission;

import java.util.Map;

/**
 * Body of {@code POST /api/v1/exercises/{exerciseId}/submissions}.
 *
 * @param files relative file name → UTF-8 content
 */
public record CreateSubmission(Map<String, String> files) {}
