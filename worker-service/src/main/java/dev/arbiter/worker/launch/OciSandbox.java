package dev.arbiter.worker.launch;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One running container: the OCI runtime's {@code run} process, whose stdin/stdout are the
 * runner's. Lines from the runner arrive through a reader thread so every wait has a deadline
 * enforced here, outside the sandbox. Closing it force-deletes the container, which kills every
 * process of its cgroup.
 */
final class OciSandbox implements AutoCloseable {

  /** What {@link #nextLine} returns when the runner's stdout ended. */
  static final String EOF = "\u0000eof";
  /** What {@link #nextLine} returns when a line passed the length cap (protocol violation). */
  static final String OVERLONG = "\u0000overlong";

  private final SandboxConfig config;
  private final String containerId;
  private final Process process;
  private final OutputStream toRunner;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Path cgroupMemoryDir;
  private final Path cgroupV2Dir;
  private boolean closed;

  private OciSandbox(SandboxConfig config, String containerId, Process process, long maxLineBytes,
      String cgroupsPath) {
    this.config = config;
    this.containerId = containerId;
    this.process = process;
    this.toRunner = process.getOutputStream();
    this.cgroupMemoryDir = config.cgroupRoot().resolve("memory" + cgroupsPath);
    this.cgroupV2Dir = config.cgroupRoot().resolve(cgroupsPath.substring(1));
    Thread reader = new Thread(() -> pump(process.getInputStream(), maxLineBytes),
        "sandbox-reader-" + containerId);
    reader.setDaemon(true);
    reader.start();
  }

  static OciSandbox start(SandboxConfig config, Path bundle, String containerId, long maxLineBytes,
      String cgroupsPath) throws SandboxFailure {
    List<String> cmd = runtimeCommand(config);
    cmd.addAll(List.of("run", "--bundle", bundle.toString(), containerId));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectError(ProcessBuilder.Redirect.appendTo(bundle.resolve("runtime.log").toFile()));
    // The runtime itself gets a minimal environment; the sandbox's is set in config.json.
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    try {
      return new OciSandbox(config, containerId, pb.start(), maxLineBytes, cgroupsPath);
    } catch (IOException e) {
      throw new SandboxFailure("cannot start the sandbox runtime " + config.runtime(), e);
    }
  }

  static List<String> runtimeCommand(SandboxConfig config) {
    List<String> cmd = new ArrayList<>();
    cmd.add(config.runtime());
    List<String> flags = config.runtimeFlags().orElse(List.of());
    cmd.addAll(flags);
    if (isGvisor(config) && flags.stream().noneMatch(f -> f.startsWith("--network"))) {
      // gVisor: no network stack to the host at all (it refuses our empty, path-less network
      // namespace otherwise: "cannot run with network enabled in root network namespace").
      cmd.add("--network=none");
    }
    cmd.add("--root");
    cmd.add(config.stateRoot().toString());
    return cmd;
  }

  /** True when the configured runtime is gVisor's runsc (by its file name). */
  static boolean isGvisor(SandboxConfig config) {
    return Path.of(config.runtime()).getFileName().toString().equals("runsc");
  }

  /** Sends one encoded frame; false when the runner is gone (its stdin closed). */
  boolean send(String frame) {
    try {
      toRunner.write(frame.getBytes(StandardCharsets.UTF_8));
      toRunner.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The next line from the runner, {@link #EOF}, {@link #OVERLONG}, or null at the deadline. */
  String nextLine(Duration timeout) throws InterruptedException {
    return lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** OOM kills in this sandbox's memory cgroup so far (cgroup v1 oom_control or v2 memory.events). */
  long oomKills() {
    for (Path file : List.of(cgroupMemoryDir.resolve("memory.oom_control"),
        cgroupV2Dir.resolve("memory.events"))) {
      try {
        for (String l : Files.readAllLines(file)) {
          if (l.startsWith("oom_kill ")) {
            return Long.parseLong(l.substring("oom_kill ".length()).trim());
          }
        }
      } catch (IOException | NumberFormatException e) {
        // not this cgroup version, or the cgroup is already gone
      }
    }
    return 0;
  }

  /** {@link #awaitExit}, treating an interrupt as the end of the wait. */
  void awaitExitQuietly(Duration timeout) {
    try {
      awaitExit(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the runtime process to end on its own (after the end frame). */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** True while the runtime process (and so the sandbox) runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      toRunner.close();
    } catch (IOException ignored) {
      // already closed by the runner's exit
    }
    boolean exited = !process.isAlive();
    if (!exited) {
      forceDelete(config, containerId);
      process.destroyForcibly();
    } else if (process.exitValue() != 0) {
      // `run` deletes its container on exit; a failed run may leave state behind.
      forceDelete(config, containerId);
    }
  }

  static void forceDelete(SandboxConfig config, String containerId) {
    List<String> cmd = runtimeCommand(config);
    cmd.addAll(List.of("delete", "--force", containerId));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        Log.warnf("sandbox %s: runtime delete did not finish in 30s", containerId);
      }
    } catch (IOException e) {
      Log.warnf("sandbox %s: runtime delete failed: %s", containerId, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pump(InputStream in, long maxLineBytes) {
    FrameReader reader = new FrameReader(in, maxLineBytes);
    try (in) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    } catch (ProtocolViolation e) {
      lines.add(OVERLONG);
    } catch (IOException e) {
      // the runtime process ended; EOF below
    } finally {
      lines.add(EOF);
    }
  }
}
