package dev.arbiter.worker.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.common.job.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the OCI runtime config (config.json) of one sandbox: the reviewed policy of every layer
 * in one place. Pure: no files, no processes. Each entry names the attack it stops.
 */
public final class OciSpecBuilder {

  /** nobody:nogroup: owns nothing on the host, so a breakout as this uid can write nothing. */
  public static final int SANDBOX_UID = 65534;

  static final String SOURCE_DIR = RunnerProtocol.SOURCE_DIR;
  static final String RUNNER_PATH = RunnerProtocol.RUNNER_PATH;

  /** /proc entries that leak host data or kernel addresses (runc's and Docker's defaults). */
  static final List<String> MASKED_PATHS =
      List.of(
          "/proc/acpi",
          "/proc/asound",
          "/proc/kcore", // physical memory of the host
          "/proc/keys", // kernel keyrings are not namespaced
          "/proc/latency_stats",
          "/proc/timer_list", // host timers: side channel on other tenants
          "/proc/timer_stats",
          "/proc/sched_debug", // every host process's name and pid
          "/proc/scsi",
          "/sys/firmware",
          "/sys/devices/virtual/powercap"); // RAPL energy counters: side channel

  /** /proc entries that would let a process reconfigure the kernel. */
  static final List<String> READONLY_PATHS =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectNode SECCOMP = loadSeccomp();

  private OciSpecBuilder() {}

  /**
   * @param limits the run's limits
   * @param python interpreter path inside the sandbox
   * @param hostReadOnlyPaths host directories forming the read-only root filesystem
   * @param sourceDir host directory with the submission's files (bind-mounted read-only)
   * @param runnerFile host path of runner.py (bind-mounted read-only)
   * @param cgroupsPath the run's own cgroup
   */
  public static ObjectNode build(
      SandboxLimits limits,
      String python,
      List<String> hostReadOnlyPaths,
      Path sourceDir,
      Path runnerFile,
      String cgroupsPath) {
    ObjectNode root = JSON.objectNode();
    root.put("ociVersion", "1.0.2");
    root.set("process", process(limits, python));
    // Read-only root: the student can write only to the size-capped /tmp.
    root.putObject("root").put("path", "rootfs").put("readonly", true);
    root.put("hostname", "sandbox");
    root.set("mounts", mounts(limits, hostReadOnlyPaths, sourceDir, runnerFile));
    root.set("linux", linux(limits, cgroupsPath));
    return root;
  }

  private static ObjectNode process(SandboxLimits limits, String python) {
    ObjectNode p = JSON.objectNode();
    p.put("terminal", false);
    p.putObject("user").put("uid", SANDBOX_UID).put("gid", SANDBOX_UID);
    p.set("args", strings(python, "-I", "-S", RUNNER_PATH));
    // A scrubbed environment: nothing of the worker's (Kafka, tokens, paths) is inherited.
    p.set(
        "env",
        strings(
            "PATH=/usr/bin:/bin",
            "LANG=C.UTF-8",
            "HOME=/tmp",
            "PYTHONDONTWRITEBYTECODE=1",
            "PYTHONIOENCODING=utf-8"));
    p.put("cwd", "/tmp");
    // No capabilities in any set: no raw sockets, no chown of others' files, no mounts.
    ObjectNode caps = p.putObject("capabilities");
    for (String set : List.of("bounding", "effective", "inheritable", "permitted", "ambient")) {
      caps.putArray(set);
    }
    ArrayNode rlimits = p.putArray("rlimits");
    rlimit(rlimits, "RLIMIT_NOFILE", limits.maxOpenFiles()); // fd exhaustion of the runner
    rlimit(rlimits, "RLIMIT_CORE", 0); // core dumps could fill /tmp or leak memory to disk
    rlimit(rlimits, "RLIMIT_FSIZE", limits.maxFileSizeBytes()); // one huge file
    // setuid binaries and file capabilities cannot raise privileges after exec.
    p.put("noNewPrivileges", true);
    return p;
  }

  private static ArrayNode mounts(
      SandboxLimits limits, List<String> hostPaths, Path sourceDir, Path runnerFile) {
    ArrayNode m = JSON.arrayNode();
    mount(m, "/proc", "proc", "proc", "nosuid", "noexec", "nodev");
    // A private /dev: runc populates only null, zero, full, random, urandom and tty.
    mount(m, "/dev", "tmpfs", "tmpfs", "nosuid", "noexec", "strictatime", "mode=755", "size=64k");
    // The only writable place, capped: disk fill hits ENOSPC here, not on the host. Inodes are
    // capped too: empty files cost no "size" but pin kernel memory and the runner's cleanup time.
    mount(m, "/tmp", "tmpfs", "tmpfs", "nosuid", "nodev", "noexec", "mode=1777",
        "size=" + limits.diskBytes(), "nr_inodes=" + tmpInodes(limits));
    for (String hostPath : hostPaths) {
      bindReadOnly(m, hostPath, hostPath, true);
    }
    bindReadOnly(m, SOURCE_DIR, sourceDir.toString(), true);
    bindReadOnly(m, RUNNER_PATH, runnerFile.toString(), false);
    return m;
  }

  private static ObjectNode linux(SandboxLimits limits, String cgroupsPath) {
    ObjectNode l = JSON.objectNode();
    ArrayNode ns = l.putArray("namespaces");
    // pid: no other process visible or signalable; network: an empty namespace with no route
    // anywhere, not even the host's loopback; ipc/uts/mount/cgroup: nothing shared with the host.
    for (String type : List.of("pid", "network", "ipc", "uts", "mount", "cgroup")) {
      ns.addObject().put("type", type);
    }
    l.put("cgroupsPath", cgroupsPath);
    ObjectNode res = l.putObject("resources");
    res.putArray("devices").addObject().put("allow", false).put("access", "rwm");
    // swap == limit: no swap, so a memory bomb is killed instead of thrashing the host.
    res.putObject("memory").put("limit", limits.memoryBytes()).put("swap", limits.memoryBytes());
    res.putObject("pids").put("limit", limits.maxProcesses()); // fork bombs
    long period = 100_000;
    res.putObject("cpu")
        .put("period", period)
        .put("quota", Math.max(10_000L, Math.round(limits.cpuQuota() * period)));
    l.set("maskedPaths", strings(MASKED_PATHS.toArray(String[]::new)));
    l.set("readonlyPaths", strings(READONLY_PATHS.toArray(String[]::new)));
    l.set("seccomp", SECCOMP.deepCopy());
    return l;
  }

  /** Files and directories /tmp may hold: one per 4 KiB of its size, at least 1024. */
  static long tmpInodes(SandboxLimits limits) {
    return Math.max(1024, limits.diskBytes() / 4096);
  }

  /** The seccomp section of config.json: the reviewed profile without its review comments. */
  static ObjectNode seccomp() {
    return SECCOMP.deepCopy();
  }

  private static ObjectNode loadSeccomp() {
    try (InputStream in = OciSpecBuilder.class.getResourceAsStream("/sandbox/seccomp.json")) {
      if (in == null) {
        throw new IllegalStateException("sandbox/seccomp.json is missing from the classpath");
      }
      JsonNode reviewed = WireFormat.mapper().readTree(in);
      ObjectNode runtime = JSON.objectNode();
      runtime.set("defaultAction", reviewed.get("defaultAction"));
      runtime.set("defaultErrnoRet", reviewed.get("defaultErrnoRet"));
      runtime.set("architectures", reviewed.get("architectures"));
      ArrayNode rules = runtime.putArray("syscalls");
      for (JsonNode rule : reviewed.get("syscalls")) {
        ObjectNode copy = ((ObjectNode) rule).deepCopy();
        copy.remove("comment");
        rules.add(copy);
      }
      return runtime;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sandbox/seccomp.json", e);
    }
  }

  private static void rlimit(ArrayNode rlimits, String type, long value) {
    rlimits.addObject().put("type", type).put("hard", value).put("soft", value);
  }

  private static void mount(ArrayNode m, String dest, String type, String source, String... opts) {
    ObjectNode o = m.addObject().put("destination", dest).put("type", type).put("source", source);
    o.set("options", strings(opts));
  }

  private static void bindReadOnly(ArrayNode m, String dest, String source, boolean recursive) {
    mount(m, dest, "bind", source, recursive ? "rbind" : "bind", "ro", "nosuid", "nodev");
  }

  private static ArrayNode strings(String... values) {
    ArrayNode a = JSON.arrayNode();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }
}
