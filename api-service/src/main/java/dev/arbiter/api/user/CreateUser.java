package dev.arbiter.api.user;

/**
 * Body of {@code POST /api/v1/users}.
 *
 * @param name display name, required
 * @param email optional; unique (case-insensitive) when given
 * @param admin make the user an administrator (default false)
 */
public record CreateUser(String name, String email, Boolean admin) {}
