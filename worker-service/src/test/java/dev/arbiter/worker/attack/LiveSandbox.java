package dev.arbiter.worker.attack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A sandbox seen from the host while its test runs, found by a file the test planted in its own
 * /tmp (the host's root can look through /proc/PID/root into any mount namespace). Lets a test
 * synchronise with a running sandbox without sleeping for a guessed time.
 *
 * @param pid host pid of a process of the sandbox that sees the marker file
 */
record LiveSandbox(long pid) {

  /** Waits (bounded: only a hung test stops here) for a process whose /tmp holds {@code marker}. */
  static LiveSandbox await(String marker, Duration bound) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<LiveSandbox> found = find(marker);
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no sandbox planted " + marker + " within " + bound);
  }

  private static Optional<LiveSandbox> find(String marker) throws IOException {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> Files.exists(p.resolve("root/tmp").resolve(marker)))
          .map(p -> new LiveSandbox(Long.parseLong(p.getFileName().toString())))
          .findFirst();
    }
  }

  /** Drops a file into the sandbox's /tmp (what the waiting test polls for). */
  void release(String name) throws IOException {
    Files.writeString(Path.of("/proc", Long.toString(pid), "root/tmp", name), "go",
        StandardCharsets.UTF_8);
  }

  /**
   * The sandbox's cgroup (v1) under {@code controller}, e.g. {@code memory}: the child of
   * {@code parent} (the launcher's cgroup parent) whose cgroup.procs lists this pid. (The JVM
   * cannot open /proc/PID/cgroup of a sandbox process here: ENOENT, though cat can.)
   */
  Path cgroup(String controller, String parent) throws IOException {
    Path dir = Path.of("/sys/fs/cgroup", controller).resolve(parent.substring(1));
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.filter(Files::isDirectory).toList()) {
        try {
          if (Files.readAllLines(child.resolve("cgroup.procs")).contains(Long.toString(pid))) {
            return child;
          }
        } catch (IOException gone) {
          // another run's cgroup, removed while we looked
        }
      }
    }
    throw new IllegalStateException("pid " + pid + " is in no " + controller + " cgroup under " + parent);
  }

  String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).trim();
  }
}
