package dev.arbiter.worker.attack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The host's view of its processes, for proving that nothing of a run is still alive. */
final class HostProcesses {

  private HostProcesses() {}

  /** Host pids whose command line contains {@code argument} (a marker unique to one test). */
  static List<Long> withArgument(String argument) throws IOException {
    List<Long> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.toList()) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmdline.contains(argument)) {
            found.add(Long.parseLong(name));
          }
        } catch (IOException gone) {
          // the process ended while we looked
        }
      }
    }
    return found;
  }
}
