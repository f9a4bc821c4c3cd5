package dev.arbiter.api.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.UUID;

/** Authentication settings ({@code arbiter.auth.*}). */
@ConfigMapping(prefix = "arbiter.auth")
public interface AuthConfig {

  /**
   * The administrator's token (env {@code ARBITER_BOOTSTRAP_TOKEN}); unset disables it. Kept only
   * in memory and compared in constant time; at least {@value Tokens#MIN_BOOTSTRAP_LENGTH}
   * characters.
   */
  Optional<String> bootstrapToken();

  /** The user row the bootstrap token acts as; created by the first migration. */
  @WithDefault("00000000-0000-0000-0000-000000000001")
  UUID bootstrapUserId();
}
