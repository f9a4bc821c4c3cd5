package dev.arbiter.worker.launch;

import dev.arbiter.common.job.WireFormat;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Runs a submission in a local OCI sandbox (runc, or runsc as a drop-in): one fresh container per
 * submission attempt, the in-sandbox runner as its first process, one fresh interpreter per test.
 * Every wait has a deadline enforced here, outside the sandbox; the container is force-deleted
 * and its bundle removed whatever happens.
 */
@ApplicationScoped
@Typed(OciRunLauncher.class)
public class OciRunLauncher implements RunLauncher {

  static final String PREFIX = "arbiter-";
  /** Threads of gVisor's own processes that share the sandbox's pids cgroup. */
  static final int GVISOR_EXTRA_PIDS = 128;

  private final SandboxConfig config;
  private final byte[] runnerScript;
  /** Names carry the owning worker's pid, so several workers can share a host and reap safely. */
  private final String ownerTag;
  private volatile boolean bundleRootTraversable;

  public OciRunLauncher(SandboxConfig config) {
    this.config = config;
    this.runnerScript = loadRunner();
    this.ownerTag = PREFIX + ProcessHandle.current().pid() + "-";
  }

  @Override
  public RunReport launch(RunSpec spec) throws SandboxFailure {
    Path bundle = config.bundleRoot().resolve(ownerTag + spec.runId());
    try {
      prepareBundle(bundle, spec.files());
      return runAll(spec, bundle);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxFailure("worker interrupted while running the sandbox", e);
    } finally {
      deleteTree(bundle);
    }
  }

  /** Removes containers and bundles left by workers that died mid-run (their pid is gone). */
  @Override
  public void reapLeftovers() {
    try {
      Files.createDirectories(config.bundleRoot());
      Files.createDirectories(config.stateRoot());
      try (DirectoryStream<Path> state = Files.newDirectoryStream(config.stateRoot(), PREFIX + "*")) {
        for (Path container : state) {
          if (orphaned(container)) {
            Log.infof("reaping leftover sandbox %s", container.getFileName());
            OciSandbox.forceDelete(config, container.getFileName().toString());
          }
        }
      }
      try (DirectoryStream<Path> bundles = Files.newDirectoryStream(config.bundleRoot(), PREFIX + "*")) {
        for (Path b : bundles) {
          if (orphaned(b)) {
            Log.infof("removing leftover bundle %s", b.getFileName());
            deleteTree(b);
          }
        }
      }
    } catch (IOException e) {
      Log.warnf("could not reap leftover sandboxes: %s", e.getMessage());
    }
  }

  /** True unless the name's owning worker is another live process. */
  static boolean orphaned(Path named) {
    String rest = named.getFileName().toString().substring(PREFIX.length());
    int dash = rest.indexOf('-');
    try {
      long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
      return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).isEmpty();
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private RunReport runAll(RunSpec spec, Path bundle) throws SandboxFailure, InterruptedException {
    List<TestExecution> results = new ArrayList<>();
    int attempts = 0;
    long maxLine = RunnerProtocol.maxLineBytes(spec.limits().outputBytes());
    while (results.size() < spec.tests().size()) {
      attempts++;
      String containerId = ownerTag + spec.runId() + "-" + attempts;
      String cgroupsPath = config.cgroupParent() + "/" + containerId;
      writeConfig(bundle, spec, cgroupsPath);
      String nonce = RunnerProtocol.newNonce();
      try (OciSandbox box = OciSandbox.start(config, bundle, containerId, maxLine, cgroupsPath)) {
        box.send(RunnerProtocol.encodeHello(RunnerProtocol.Hello.of(nonce, spec, config.python())));
        String ready = box.nextLine(config.readyTimeout());
        if (!isReady(ready, nonce, spec.limits().outputBytes())) {
          // Nothing of the student's has run yet: this is the platform failing.
          throw new SandboxFailure("sandbox runner not ready (" + describe(ready) + "): "
              + lastRuntimeError(bundle));
        }
        runTests(spec, box, nonce, results);
        if (results.size() == spec.tests().size()) {
          box.send(RunnerProtocol.encodeEnd());
          box.awaitExit(Duration.ofSeconds(5));
        }
      }
    }
    return new RunReport(List.copyOf(results), attempts);
  }

  /** Runs tests from where {@code results} ends until done or the runner is lost. */
  private void runTests(RunSpec spec, OciSandbox box, String nonce, List<TestExecution> results)
      throws InterruptedException {
    Duration perTest = spec.limits().wallTimeout().plus(config.killGrace());
    long oomBefore = box.oomKills();
    for (int i = results.size(); i < spec.tests().size(); i++) {
      long started = System.nanoTime();
      if (!box.send(RunnerProtocol.encodeTest(i, spec.tests().get(i)))) {
        results.add(lost(i, started, box.oomKills() > oomBefore, "runner gone"));
        return;
      }
      String line = box.nextLine(perTest);
      long oomNow = box.oomKills();
      boolean oom = oomNow > oomBefore;
      oomBefore = oomNow;
      if (line == null) {
        // The runner missed its own deadline: the test is stopped from outside.
        results.add(RunnerProtocol.timedOutFromOutside(i, elapsedMs(started)));
        return;
      }
      if (line.equals(OciSandbox.EOF) || line.equals(OciSandbox.OVERLONG)) {
        results.add(lost(i, started, oom, line.equals(OciSandbox.EOF) ? "runner ended" : "overlong frame"));
        return;
      }
      try {
        if (!(RunnerProtocol.decode(line, nonce, spec.limits().outputBytes())
            instanceof RunnerProtocol.Result result) || result.index() != i) {
          throw new ProtocolViolation("expected the result of test " + i);
        }
        results.add(result.toExecution(oom));
        if (!result.sandboxClean()) {
          return;
        }
      } catch (ProtocolViolation e) {
        results.add(lost(i, started, oom, e.getMessage()));
        return;
      }
    }
  }

  private static TestExecution lost(int index, long started, boolean oom, String why) {
    // A runner killed by the OOM killer died of the student's memory use, not of an attack.
    return oom
        ? RunnerProtocol.memoryLimitFromOutside(index, elapsedMs(started))
        : RunnerProtocol.runnerLost(index, elapsedMs(started), why);
  }

  private static boolean isReady(String line, String nonce, long outputBytes) {
    if (line == null || line.equals(OciSandbox.EOF) || line.equals(OciSandbox.OVERLONG)) {
      return false;
    }
    try {
      return RunnerProtocol.decode(line, nonce, outputBytes) instanceof RunnerProtocol.Ready;
    } catch (ProtocolViolation e) {
      return false;
    }
  }

  private static long elapsedMs(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  private void prepareBundle(Path bundle, Map<String, String> files) throws SandboxFailure {
    try {
      Files.createDirectories(config.bundleRoot());
      Files.createDirectories(config.stateRoot());
      if (config.userNamespace().enabled() && !OciSandbox.isGvisor(config) && !bundleRootTraversable) {
        requireTraversable(config.bundleRoot());
        bundleRootTraversable = true;
      }
      Files.createDirectory(bundle, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx--x--x")));
      Path rootfs = Files.createDirectory(bundle.resolve("rootfs"));
      for (String dir : List.of("proc", "dev", "sandbox/src")) {
        Files.createDirectories(rootfs.resolve(dir));
      }
      // runc copies a mountpoint's mode onto the tmpfs mounted there, so it must be 1777 itself
      // (sticky, writable by all). It must exist: in a user namespace runc cannot create it.
      Path tmp = Files.createDirectory(rootfs.resolve("tmp"));
      Files.setAttribute(tmp, "unix:mode", 01777);
      for (String hostPath : config.hostReadOnlyPaths()) {
        Files.createDirectories(rootfs.resolve(hostPath.substring(1)));
      }
      Files.createFile(rootfs.resolve("sandbox/runner.py"));
      Path src = Files.createDirectory(bundle.resolve("src"));
      for (Map.Entry<String, String> f : files.entrySet()) {
        // Names were validated by the API; resolve defensively anyway (no escape from src).
        Path target = src.resolve(f.getKey()).normalize();
        if (!target.startsWith(src)) {
          throw new SandboxFailure("file name escapes the source directory");
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
      }
      Files.write(bundle.resolve("runner.py"), runnerScript);
      makeWorldReadable(src);
    } catch (IOException e) {
      throw new SandboxFailure("cannot prepare the sandbox bundle: " + e.getMessage(), e);
    }
  }

  /**
   * In a user namespace the runtime mounts the bundle as the sandbox's root, an unprivileged host
   * id: every directory above the bundle must let others through (x), or the start fails with a
   * bare "permission denied".
   */
  private static void requireTraversable(Path bundleRoot) throws IOException, SandboxFailure {
    for (Path dir = bundleRoot.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new SandboxFailure("bundle root " + bundleRoot + " is not traversable by the sandbox's"
            + " mapped ids: " + dir + " lacks o+x (needed with arbiter.sandbox.user-namespace)");
      }
    }
  }

  private void writeConfig(Path bundle, RunSpec spec, String cgroupsPath) throws SandboxFailure {
    SandboxLimits limits = spec.limits();
    if (OciSandbox.isGvisor(config)) {
      // gVisor's sentry and gofer run in the sandbox's cgroup: their Go threads count against the
      // pids limit ("fatal error: newosproc" at a cap of 64; 128 more suffices, measured with
      // Debian's runsc 2022-12-19 on the ptrace platform).
      limits = new SandboxLimits(limits.wallTimeout(), limits.cpuTime(), limits.memoryBytes(),
          limits.outputBytes(), limits.diskBytes(), limits.maxProcesses() + GVISOR_EXTRA_PIDS,
          limits.maxOpenFiles(), limits.maxFileSizeBytes(), limits.cpuQuota());
    }
    var oci = OciSpecBuilder.build(limits, config.python(), config.hostReadOnlyPaths(),
        bundle.resolve("src"), bundle.resolve("runner.py"), cgroupsPath,
        config.userNamespace().enabled() && !OciSandbox.isGvisor(config)
            ? OptionalLong.of(config.userNamespace().hostIdBase()) : OptionalLong.empty());
    try {
      WireFormat.mapper().writeValue(bundle.resolve("config.json").toFile(), oci);
    } catch (IOException e) {
      throw new SandboxFailure("cannot write config.json: " + e.getMessage(), e);
    }
  }

  private static void makeWorldReadable(Path src) throws IOException {
    // Owned by root, readable by the sandbox's nobody, and mounted read-only: nobody can change it.
    Files.walkFileTree(src, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          dir.toFile().setWritable(true, true);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      Log.warnf("could not remove bundle %s: %s", root.getFileName(), e.getMessage());
    }
  }

  private static String describe(String line) {
    if (line == null) {
      return "timed out";
    }
    return line.equals(OciSandbox.EOF) ? "runtime exited" : "unexpected first frame";
  }

  private static String lastRuntimeError(Path bundle) {
    try {
      List<String> log = Files.readAllLines(bundle.resolve("runtime.log"));
      return log.isEmpty() ? "no runtime output" : log.get(log.size() - 1);
    } catch (IOException e) {
      return "no runtime output";
    }
  }


  private static byte[] loadRunner() {
    try (InputStream in = OciRunLauncher.class.getResourceAsStream("/sandbox/runner.py")) {
      if (in == null) {
        throw new IllegalStateException("sandbox/runner.py is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
