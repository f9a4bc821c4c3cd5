package dev.arbiter.worker.attack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A canary listening on an abstract Unix socket in the host's network namespace. The JDK cannot
 * bind abstract names, so a tiny host python3 (listen and report, nothing else) does it.
 */
final class HostAbstractListener implements AutoCloseable {

  private static final String LISTEN = """
      import socket, sys
      s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
      s.bind("\\0" + sys.argv[1])
      s.listen(16)
      print("listening", flush=True)
      while True:
          c, _ = s.accept()
          print("accepted", flush=True)
          c.close()
      """;

  private final Process process;
  private final AtomicInteger accepted = new AtomicInteger();
  private Thread counter;

  private HostAbstractListener(Process process) {
    this.process = process;
  }

  static HostAbstractListener start(String name) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", LISTEN, name)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    HostAbstractListener listener = new HostAbstractListener(p);
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    if (!"listening".equals(lines.readLine())) {
      p.destroyForcibly();
      throw new IllegalStateException("host canary listener did not start");
    }
    listener.counter = new Thread(() -> {
      try {
        for (String l; (l = lines.readLine()) != null; ) {
          if (l.equals("accepted")) {
            listener.accepted.incrementAndGet();
          }
        }
      } catch (IOException ended) {
        // the listener was stopped
      }
    });
    listener.counter.setDaemon(true);
    listener.counter.start();
    return listener;
  }

  /** Stops the listener and returns how many connections it ever accepted (all lines read). */
  int acceptedAfterStop() throws InterruptedException {
    close();
    counter.join(TimeUnit.SECONDS.toMillis(10));
    return accepted.get();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
