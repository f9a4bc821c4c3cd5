package dev.arbiter.worker.launch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How the local OCI launcher builds and runs sandboxes. */
@ConfigMapping(prefix = "arbiter.sandbox")
public interface SandboxConfig {

  /** OCI runtime binary: runc here; gVisor's runsc is a drop-in replacement. */
  @WithDefault("/usr/sbin/runc")
  String runtime();

  /**
   * Extra global flags for the runtime (e.g. {@code --platform=systrap} for runsc). For runsc the
   * launcher adds {@code --network=none} unless a {@code --network} flag is given here.
   */
  Optional<List<String>> runtimeFlags();

  /** The runtime's state directory (its --root), private to Arbiter so reaping never touches others. */
  @WithDefault("/run/arbiter/runc")
  Path stateRoot();

  /** Where per-run bundles are created and removed; leftovers with our prefix are reaped at start. */
  @WithDefault("/run/arbiter/bundles")
  Path bundleRoot();

  /** The interpreter inside the sandbox (from the read-only host /usr). */
  @WithDefault("/usr/bin/python3")
  String python();

  /** Host directories bind-mounted read-only to form the sandbox's root filesystem. */
  @WithDefault("/usr,/lib,/lib64,/bin")
  List<String> hostReadOnlyPaths();

  /** How long the runner may take to say it is ready before the start counts as a platform failure. */
  @WithDefault("10s")
  Duration readyTimeout();

  /** Added to each test's wall limit before the worker kills the sandbox from outside. */
  @WithDefault("2s")
  Duration killGrace();

  /** cgroup parent under which each run gets its own cgroup. */
  @WithDefault("/arbiter")
  String cgroupParent();

  /** Root of the cgroup v1 memory hierarchy (read to count OOM kills); v2 is detected. */
  @WithDefault("/sys/fs/cgroup")
  Path cgroupRoot();

  /**
   * Sandboxes started ahead of the jobs, per limit set: a job then skips the container start
   * (tens of milliseconds). Each still serves one job only and has run no code before it. 0 starts
   * every sandbox on demand.
   */
  @WithDefault("2")
  int warmSandboxes();

  /** Each sandbox in a user namespace of its own, its ids mapped to unprivileged host ids. */
  UserNamespace userNamespace();

  /** How sandbox ids map to host ids. */
  interface UserNamespace {

    /**
     * Map the sandbox's ids into a user namespace: container root becomes host id {@link
     * #hostIdBase()}, the sandbox user (65534) becomes {@code hostIdBase + 1}. Needs a kernel with
     * user namespaces (runc, rootful). Not applied under runsc (gVisor's own kernel already
     * stands between the sandbox's ids and the host's; the pairing is not verified here).
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * First of the two host ids (uid and gid) the sandbox uses. The default, 0x70000000, lies in
     * the range systemd leaves unassigned (above nspawn's container ranges, below its own
     * reserved blocks); pick another if the host uses it.
     */
    @WithDefault("1879048192")
    long hostIdBase();
  }
}
