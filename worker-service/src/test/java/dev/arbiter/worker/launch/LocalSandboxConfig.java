package dev.arbiter.worker.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The production defaults of {@link SandboxConfig}, with state and bundles under a test directory.
 *
 * @param base test directory holding state and bundles
 * @param runtime OCI runtime binary
 * @param flags the runtime's global flags
 * @param userNamespaceEnabled whether sandboxes get a user namespace
 * @param warmSandboxes sandboxes started ahead per limit set
 */
public record LocalSandboxConfig(Path base, String runtime, List<String> flags,
    boolean userNamespaceEnabled, int warmSandboxes) implements SandboxConfig {

  public LocalSandboxConfig(Path base) {
    this(base, System.getProperty("arbiter.sandbox.runtime", "/usr/sbin/runc"));
  }

  /** With the production default (on); {@code -Darbiter.sandbox.user-namespace.enabled=false} turns it off. */
  public LocalSandboxConfig(Path base, String runtime) {
    this(base, runtime, List.of(), Boolean.parseBoolean(
        System.getProperty("arbiter.sandbox.user-namespace.enabled", "true")));
  }

  /** With the production default for warm sandboxes; {@code -Darbiter.sandbox.warm-sandboxes=0} turns them off. */
  public LocalSandboxConfig(Path base, String runtime, List<String> flags, boolean userNamespaceEnabled) {
    this(base, runtime, flags, userNamespaceEnabled,
        Integer.getInteger("arbiter.sandbox.warm-sandboxes", 2));
  }

  /** The same with another number of warm sandboxes. */
  public LocalSandboxConfig withWarmSandboxes(int n) {
    return new LocalSandboxConfig(base, runtime, flags, userNamespaceEnabled, n);
  }

  @Override
  public Optional<List<String>> runtimeFlags() {
    return flags.isEmpty() ? Optional.empty() : Optional.of(flags);
  }

  @Override
  public Path stateRoot() {
    return base.resolve("state");
  }

  @Override
  public Path bundleRoot() {
    return base.resolve("bundles");
  }

  @Override
  public String python() {
    return "/usr/bin/python3";
  }

  @Override
  public List<String> hostReadOnlyPaths() {
    return List.of("/usr", "/lib", "/lib64", "/bin");
  }

  @Override
  public Duration readyTimeout() {
    return Duration.ofSeconds(10);
  }

  @Override
  public Duration killGrace() {
    return Duration.ofSeconds(2);
  }

  @Override
  public String cgroupParent() {
    return "/arbiter-test";
  }

  @Override
  public Path cgroupRoot() {
    return Path.of("/sys/fs/cgroup");
  }

  @Override
  public UserNamespace userNamespace() {
    return new UserNamespace() {
      @Override
      public boolean enabled() {
        return userNamespaceEnabled;
      }

      @Override
      public long hostIdBase() {
        return 1879048192L;
      }
    };
  }
}
