package dev.arbiter.api.user;

import dev.arbiter.api.auth.ApiTokenRepository;
import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

@ApplicationScoped
public class UserService {

  static final int MAX_NAME_LENGTH = 200;
  // Deliberately loose: the address is only displayed and matched, never mailed by Arbiter.
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,200}@[^@\\s]{1,200}$");

  private final UserRepository users;
  private final ApiTokenRepository tokens;

  UserService(UserRepository users, ApiTokenRepository tokens) {
    this.users = users;
    this.tokens = tokens;
  }

  /** Creates a user and their first API token (administrators only). */
  @Transactional
  public CreatedUser create(Caller caller, CreateUser request) {
    requireAdmin(caller);
    if (request == null) {
      throw ProblemException.invalid("request body is required");
    }
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw ProblemException.invalid("name is required (1 to " + MAX_NAME_LENGTH + " characters)");
    }
    String email = request.email() == null || request.email().isBlank()
        ? null : request.email().strip();
    if (email != null) {
      if (!EMAIL.matcher(email).matches()) {
        throw ProblemException.invalid("email is not an e-mail address");
      }
      if (users.findByEmail(email).isPresent()) {
        throw ProblemException.conflict("a user with this email already exists");
      }
    }
    User user = new User();
    user.id = UUID.randomUUID();
    user.name = name;
    user.email = email;
    user.admin = Boolean.TRUE.equals(request.admin());
    user.createdAt = Instant.now();
    users.persist(user);
    String token = tokens.issue(user.id);
    Log.infof("user %s created by %s (admin=%s)", user.id, caller.userId(), user.admin);
    return new CreatedUser(user.id.toString(), token);
  }

  /** Issues another token for a user: the user themself or an administrator. */
  @Transactional
  public CreatedUser issueToken(Caller caller, UUID userId) {
    if (!caller.admin() && !caller.userId().equals(userId)) {
      throw ProblemException.notFound("user");
    }
    User user = users.findByIdOptional(userId).orElseThrow(() -> ProblemException.notFound("user"));
    return new CreatedUser(user.id.toString(), tokens.issue(user.id));
  }

  @Transactional
  public UserView get(Caller caller, UUID userId) {
    if (!caller.admin() && !caller.userId().equals(userId)) {
      throw ProblemException.notFound("user");
    }
    return users.findByIdOptional(userId).map(UserView::from)
        .orElseThrow(() -> ProblemException.notFound("user"));
  }

  static void requireAdmin(Caller caller) {
    if (!caller.admin()) {
      throw ProblemException.forbidden("only administrators may do this");
    }
  }
}
