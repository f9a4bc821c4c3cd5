package dev.arbiter.api.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's service scripts (idempotent: they reuse a running PostgreSQL or Kafka).
 * They honour {@code ARBITER_STATE}, so tests share the services already started on the machine.
 */
public final class Scripts {

  private Scripts() {}

  public static String run(String script, String... args) {
    Path file = repoRoot().resolve("scripts").resolve(script);
    var command = new java.util.ArrayList<String>();
    command.add(file.toString());
    command.addAll(java.util.List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(false)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(script + " " + String.join(" ", args) + " hung");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(script + " " + String.join(" ", args)
            + " failed with exit code " + p.exitValue());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + file, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isExecutable(d.resolve("scripts/postgres.sh"))) {
        return d;
      }
    }
    throw new IllegalStateException("no scripts/postgres.sh above " + dir);
  }
}
