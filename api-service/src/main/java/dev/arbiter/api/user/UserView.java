package dev.arbiter.api.user;

import java.time.Instant;

/** A user as the API shows it. */
public record UserView(String id, String name, String email, boolean admin, Instant createdAt) {

  public static UserView from(User u) {
    return new UserView(u.id.toString(), u.name, u.email, u.admin, u.createdAt);
  }
}
