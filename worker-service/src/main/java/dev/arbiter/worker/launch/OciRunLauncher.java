package dev.arbiter.worker.launch;

import dev.arbiter.common.job.WireFormat;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
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
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
  /** Limit sets (in practice: exercises) that keep warm sandboxes at once. */
  static final int MAX_WARM_LIMIT_SETS = 4;
  /** Threads of gVisor's own processes that share the sandbox's pids cgroup. */
  static final int GVISOR_EXTRA_PIDS = 128;

  private final SandboxConfig config;
  private final byte[] runnerScript;
  /** Names carry the owning worker's pid, so several workers can share a host and reap safely. */
  private final String ownerTag;
  private volatile boolean bundleRootTraversable;
  /** Null when every sandbox starts on demand. */
  private final WarmSandboxes warm;
  /** Waits for finished sandboxes to exit and removes their bundles, off the verdict's path. */
  private final AtomicInteger pendingTeardowns = new AtomicInteger();
  private final ExecutorService teardowns = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "sandbox-teardown");
    t.setDaemon(true);
    return t;
  });

  public OciRunLauncher(SandboxConfig config) {
    this.config = config;
    this.runnerScript = loadRunner();
    this.ownerTag = PREFIX + ProcessHandle.current().pid() + "-";
    this.warm = config.warmSandboxes() <= 0 ? null
        : new WarmSandboxes(config.warmSandboxes(), MAX_WARM_LIMIT_SETS, this::startWarm,
            this::discard);
  }

  @Override
  public RunReport launch(RunSpec spec) throws SandboxFailure {
    WarmSandboxes.Warm ready = warm == null ? null : warm.take(spec.limits());
    Path bundle = ready != null ? ready.bundle()
        : config.bundleRoot().resolve(ownerTag + spec.runId());
    AtomicReference<OciSandbox> exiting = new AtomicReference<>();
    try {
      if (ready == null) {
        prepareBundle(bundle);
      }
      writeSources(bundle, spec.files());
      return runAll(spec, bundle, ready == null ? null : ready.sandbox(), exiting);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxFailure("worker interrupted while running the sandbox", e);
    } finally {
      Runnable cleanup = () -> {
        OciSandbox last = exiting.get();
        if (last != null) {
          last.awaitExitQuietly(Duration.ofSeconds(5));
          last.close();
        }
        if (ready != null) {
          ready.sandbox().close(); // a no-op after a run; stops it when the sources failed
        }
        deleteTree(bundle);
      };
      if (exiting.get() != null) {
        // Every result is in: the container's own exit and the bundle's removal need not hold
        // up the verdict.
        pendingTeardowns.incrementAndGet();
        teardowns.execute(() -> {
          try {
            cleanup.run();
          } finally {
            synchronized (pendingTeardowns) {
              pendingTeardowns.decrementAndGet();
              pendingTeardowns.notifyAll();
            }
          }
        });
      } else {
        cleanup.run();
      }
      if (warm != null) {
        warm.refill(spec.limits());
      }
    }
  }

  /** Stops the sandboxes waiting for jobs; runs in progress are not affected. */
  @PreDestroy
  public void close() {
    if (warm != null) {
      warm.close();
    }
    teardowns.shutdown();
    try {
      if (!teardowns.awaitTermination(30, TimeUnit.SECONDS)) {
        Log.warn("sandbox teardowns still running after 30s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits for finished sandboxes to be torn down and lets the waiting ones go; whatever is left
   * on disk afterwards was leaked. The launcher stays usable (it warms again on the next job).
   */
  public void settle() throws InterruptedException {
    if (warm != null) {
      warm.drain();
    }
    synchronized (pendingTeardowns) {
      while (pendingTeardowns.get() > 0) {
        pendingTeardowns.wait(100);
      }
    }
  }

  /** How many started sandboxes wait for a job now. */
  public int warmWaiting() {
    return warm == null ? 0 : warm.waiting();
  }

  private WarmSandboxes.Warm startWarm(SandboxLimits limits) throws SandboxFailure {
    String name = ownerTag + "warm" + UUID.randomUUID().toString().replace("-", "");
    Path bundle = config.bundleRoot().resolve(name);
    OciSandbox box = null;
    try {
      prepareBundle(bundle);
      box = startSandbox(bundle, limits, 1);
      awaitUp(box, bundle);
      return new WarmSandboxes.Warm(bundle, box);
    } catch (SandboxFailure | RuntimeException e) {
      if (box != null) {
        box.close();
      }
      deleteTree(bundle);
      throw e;
    }
  }

  private void discard(WarmSandboxes.Warm w) {
    w.sandbox().close();
    deleteTree(w.bundle());
  }

  /** Waits for the runner's first line; anything else means the sandbox never came up. */
  private void awaitUp(OciSandbox box, Path bundle) throws SandboxFailure {
    String up;
    try {
      up = box.nextLine(config.readyTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxFailure("interrupted while the sandbox started", e);
    }
    if (!RunnerProtocol.UP.equals(up)) {
      throw new SandboxFailure("sandbox runner did not come up (" + describe(up) + "): "
          + lastRuntimeError(bundle));
    }
  }

  /** Writes the bundle's config for these limits and starts its {@code attempt}-th container. */
  private OciSandbox startSandbox(Path bundle, SandboxLimits limits, int attempt)
      throws SandboxFailure {
    String containerId = bundle.getFileName() + "-" + attempt;
    String cgroupsPath = config.cgroupParent() + "/" + containerId;
    writeConfig(bundle, limits, cgroupsPath);
    return OciSandbox.start(config, bundle, containerId,
        RunnerProtocol.maxLineBytes(limits.outputBytes()), cgroupsPath);
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

  /**
   * Runs every test, starting a fresh sandbox after one is lost mid-run.
   *
   * @param warmBox an already started sandbox for the first attempt, or null
   */
  private RunReport runAll(RunSpec spec, Path bundle, OciSandbox warmBox,
      AtomicReference<OciSandbox> exiting) throws SandboxFailure, InterruptedException {
    List<TestExecution> results = new ArrayList<>();
    int attempts = 0;
    while (results.size() < spec.tests().size()) {
      attempts++;
      boolean warmStart = attempts == 1 && warmBox != null;
      String nonce = RunnerProtocol.newNonce();
      OciSandbox box = warmStart ? warmBox : startSandbox(bundle, spec.limits(), attempts);
      try {
        if (!warmStart) {
          awaitUp(box, bundle); // a warm sandbox was up before it was pooled
        }
        box.send(RunnerProtocol.encodeHello(RunnerProtocol.Hello.of(nonce, spec, config.python())));
        String ready = box.nextLine(config.readyTimeout());
        if (!isReady(ready, nonce, spec.limits().outputBytes())) {
          if (warmStart) {
            // A warm sandbox that died while it waited: start one now, as without a pool.
            Log.warnf("warm sandbox not ready (%s); starting a fresh one", describe(ready));
            continue;
          }
          // Nothing of the student's has run yet: this is the platform failing.
          throw new SandboxFailure("sandbox runner not ready (" + describe(ready) + "): "
              + lastRuntimeError(bundle));
        }
        runTests(spec, box, nonce, results);
        if (results.size() == spec.tests().size()) {
          box.send(RunnerProtocol.encodeEnd());
          exiting.set(box); // the caller waits for its exit, then closes it
        }
      } finally {
        if (exiting.get() != box) {
          box.close();
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

  /** The bundle's directories, an empty sources directory and the runner; no student file yet. */
  private void prepareBundle(Path bundle) throws SandboxFailure {
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
      Files.createDirectory(bundle.resolve("src"));
      Files.write(bundle.resolve("runner.py"), runnerScript);
    } catch (IOException e) {
      throw new SandboxFailure("cannot prepare the sandbox bundle: " + e.getMessage(), e);
    }
  }

  /**
   * The submission's files, into the bundle's sources directory. It is bind-mounted read-only
   * into the sandbox, so a sandbox started before the job sees them once written.
   */
  private static void writeSources(Path bundle, Map<String, String> files) throws SandboxFailure {
    Path src = bundle.resolve("src");
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        // Names were validated by the API; resolve defensively anyway (no escape from src).
        Path target = src.resolve(f.getKey()).normalize();
        if (!target.startsWith(src)) {
          throw new SandboxFailure("file name escapes the source directory");
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
      }
      makeWorldReadable(src);
    } catch (IOException e) {
      throw new SandboxFailure("cannot write the submission's files: " + e.getMessage(), e);
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

  private void writeConfig(Path bundle, SandboxLimits limits, String cgroupsPath)
      throws SandboxFailure {
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
