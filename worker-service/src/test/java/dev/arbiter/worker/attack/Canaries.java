package dev.arbiter.worker.attack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Secrets planted on the host for one attack: files whose contents must never appear in anything
 * the run produced. Removed when closed.
 */
final class Canaries implements AutoCloseable {

  private final List<Path> planted = new ArrayList<>();

  /** A fresh unguessable secret. */
  static String secret() {
    return "CANARY-" + UUID.randomUUID();
  }

  /** Writes {@code secret} to a new file named {@code name} in {@code dir}; returns its path. */
  Path plant(Path dir, String name, String secret) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(name);
    Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    // World-readable on purpose: only the sandbox's walls may stop the read, not the file mode.
    file.toFile().setReadable(true, false);
    planted.add(file);
    return file;
  }

  @Override
  public void close() throws IOException {
    for (Path p : planted) {
      Files.deleteIfExists(p);
    }
  }
}
