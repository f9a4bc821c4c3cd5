package dev.arbiter.api.user;

/**
 * Answer to {@code POST /api/v1/users}: the only time the token is ever shown.
 *
 * @param id the new user's id
 * @param token their API token
 */
public record CreatedUser(String id, String token) {}
