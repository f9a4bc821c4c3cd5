package dev.arbiter.api.auth;

import java.util.UUID;

/**
 * Who is making a request, however they proved it (API token today; a web or LTI session later).
 * Course roles are not part of it: they are looked up per course where a rule needs them.
 *
 * @param userId the user's id
 * @param admin administrators may do everything an instructor may, in every course
 */
public record Caller(UUID userId, boolean admin) {}
