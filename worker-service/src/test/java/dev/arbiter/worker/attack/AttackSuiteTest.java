package dev.arbiter.worker.attack;

import static dev.arbiter.worker.attack.GradedRun.call;
import static dev.arbiter.worker.attack.GradedRun.io;
import static dev.arbiter.worker.attack.GradedRun.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.common.status.RunLimits;
import dev.arbiter.common.status.TestStatus;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.worker.launch.OciRunLauncher;
import dev.arbiter.worker.launch.SandboxFixture;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks a student could submit, each graded through the production path (OciRunLauncher on real
 * runc, then Judge), each asserting the contract status the attack must get and, where it hunts
 * for a secret, that the secret appears in nothing the run produced. After each, {@link
 * AttackFixture} grades an honest submission, which must still get full score.
 */
class AttackSuiteTest extends AttackFixture {

  /** Reads the paths given on stdin, one a line, and prints each one's contents or its errno name. */
  static final String READ_PATHS = """
      import errno, sys
      for p in sys.stdin.read().splitlines():
          try:
              with open(p, "rb") as f:
                  print("READ", f.read().decode("utf-8", "replace"))
          except OSError as e:
              print(errno.errorcode[e.errno])
      """;

  // ---- host files ------------------------------------------------------------------------------

  /** Tries the host path itself, through /proc's root links, and by climbing out of the cwd. */
  private static GradedRun readHostFile(Path file, String secret) throws Exception {
    String host = file.toAbsolutePath().toString();
    String stdin = String.join("\n", host, "/proc/1/root" + host, "/proc/self/root" + host,
        "../../../../../../.." + host) + "\n";
    GradedRun run = grade(suite(io("read the canary", stdin, secret + "\n")), READ_PATHS);

    assertEquals(TestStatus.FAILED, run.test(0).status(), run.everythingVisible());
    assertFalse(run.everythingVisible().contains(secret), run.everythingVisible());
    return run;
  }

  @Test
  void canaryNextToTheSandboxBundlesIsUnreadable() throws Exception {
    String secret = Canaries.secret();
    try (Canaries canaries = new Canaries()) {
      Path file = canaries.plant(SANDBOX.config().bundleRoot(), "canary-bundles", secret);

      GradedRun run = readHostFile(file, secret);

      assertEquals("ENOENT\nEACCES\nENOENT\nENOENT\n", run.test(0).output());
    }
  }

  @Test
  void canaryInTheWorkersTempDirIsUnreadable() throws Exception {
    String secret = Canaries.secret();
    try (Canaries canaries = new Canaries()) {
      // The worker's /tmp has the same path as the sandbox's /tmp: a shared mount would show it.
      Path file = canaries.plant(Path.of(System.getProperty("java.io.tmpdir")),
          "arbiter-canary-" + secret.substring(7, 15), secret);

      GradedRun run = readHostFile(file, secret);

      assertEquals("ENOENT\nEACCES\nENOENT\nENOENT\n", run.test(0).output());
    }
  }

  @Test
  void canaryInRootsHomeIsUnreadable() throws Exception {
    String secret = Canaries.secret();
    try (Canaries canaries = new Canaries()) {
      Path file = canaries.plant(Path.of("/root"), ".arbiter-canary-" + secret.substring(7, 15),
          secret);

      GradedRun run = readHostFile(file, secret);

      assertEquals("ENOENT\nEACCES\nENOENT\nENOENT\n", run.test(0).output());
    }
  }

  @Test
  void hostShadowAndPasswdFilesAreAbsent() throws Exception {
    GradedRun run = grade(suite(io("read /etc/shadow", "/etc/shadow\n/etc/passwd\n/etc/hostname\n",
        "root:")), READ_PATHS);

    assertEquals(TestStatus.FAILED, run.test(0).status());
    assertEquals("ENOENT\nENOENT\nENOENT\n", run.test(0).output());
  }

  @Test
  void hostPathsLearntFromMountinfoLeadNowhere() throws Exception {
    String secret = Canaries.secret();
    try (Canaries canaries = new Canaries()) {
      // mountinfo names the host directory of the submission's bind mount; plant next to it.
      canaries.plant(SANDBOX.config().bundleRoot(), "canary-mountinfo", secret);
      canaries.plant(SANDBOX.config().base(), "canary-mountinfo", secret);
      String program = """
          import os
          found = set()
          for line in open("/proc/self/mountinfo"):
              root = line.split()[3]
              d = root
              while d not in ("/", ""):
                  d = os.path.dirname(d)
                  for p in (os.path.join(d, "canary-mountinfo"), "/proc/1/root" + d + "/canary-mountinfo"):
                      try:
                          found.add(open(p).read())
                      except OSError:
                          pass
          print(sorted(found))
          """;
      GradedRun run = grade(suite(io("read next to the bind mount", "", secret + "\n")), program);

      assertEquals(TestStatus.FAILED, run.test(0).status(), run.everythingVisible());
      assertEquals("[]\n", run.test(0).output());
      assertFalse(run.everythingVisible().contains(secret));
    }
  }

  // ---- other processes -------------------------------------------------------------------------

  @Test
  void environOfEveryVisibleProcessHoldsNothingOfTheWorker() throws Exception {
    String program = """
        import errno, os
        for p in sorted(os.listdir("/proc")):
            if not p.isdigit():
                continue
            who = "self" if int(p) == os.getpid() else p
            try:
                env = open("/proc/%s/environ" % p, "rb").read().split(b"\\0")
                print(who, sorted(e.decode() for e in env if e))
            except OSError as e:
                print(who, errno.errorcode[e.errno])
        """;
    GradedRun run = grade(suite(io("dump environ", "", "")), program);

    assertEquals(TestStatus.FAILED, run.test(0).status());
    assertEquals("1 EACCES\nself ['HOME=/tmp', 'LANG=C.UTF-8', 'PATH=/usr/bin:/bin', "
        + "'PYTHONDONTWRITEBYTECODE=1', 'PYTHONIOENCODING=utf-8']\n", run.test(0).output());
    for (String value : System.getenv().values()) {
      if (value.length() >= 8 && !List.of("/usr/bin:/bin", "C.UTF-8", "utf-8").contains(value)) {
        assertFalse(run.everythingVisible().contains(value), "worker environment leaked");
      }
    }
  }

  @Test
  void theRunnersMemoryFdsAndEnvironmentAreClosed() throws Exception {
    String program = """
        import errno, os
        for name in ["environ", "mem", "maps", "fd", "fdinfo", "root", "cwd", "exe", "stack", "syscall"]:
            p = "/proc/1/" + name
            try:
                if os.path.isdir(p) or name in ("exe", "root", "cwd"):
                    print(name, os.listdir(p) if name != "exe" else os.readlink(p))
                else:
                    with open(p, "rb") as f:
                        print(name, len(f.read(4096)))
            except OSError as e:
                print(name, errno.errorcode[e.errno])
        """;
    GradedRun run = grade(suite(io("open /proc/1", "", "")), program);

    assertEquals(TestStatus.FAILED, run.test(0).status());
    assertEquals("environ EACCES\nmem EACCES\nmaps EACCES\nfd EACCES\nfdinfo EACCES\nroot EACCES\n"
        + "cwd EACCES\nexe EACCES\nstack EACCES\nsyscall EACCES\n", run.test(0).output());
  }

  // ---- network ---------------------------------------------------------------------------------

  @Test
  void noConnectionReachesACanaryListenerOrTheHostsServices() throws Exception {
    List<InetAddress> hostAddresses = new ArrayList<>();
    for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
      nic.inetAddresses().filter(a -> a instanceof java.net.Inet4Address).forEach(hostAddresses::add);
    }
    try (ServerSocket tcp = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"));
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress("0.0.0.0", 0))) {
      AtomicInteger accepted = new AtomicInteger();
      Thread acceptor = new Thread(() -> {
        while (!tcp.isClosed()) {
          try (Socket s = tcp.accept()) {
            accepted.incrementAndGet();
          } catch (IOException closed) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      StringBuilder targets = new StringBuilder();
      for (InetAddress a : hostAddresses) {
        targets.append(a.getHostAddress()).append(' ').append(tcp.getLocalPort()).append('\n');
      }
      // The shared broker and database of this machine: a sandbox must not even see them.
      targets.append("127.0.0.1 19092\n127.0.0.1 55432\n");
      String program = """
          import errno, socket, sys
          for line in sys.stdin.read().splitlines():
              host, port = line.split()
              for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                  try:
                      s = socket.socket(socket.AF_INET, kind)
                      s.settimeout(1)
                      s.connect((host, int(port)))
                      s.send(b"leak")
                      print("CONNECTED", host, port)
                  except OSError as e:
                      print(errno.errorcode.get(e.errno, str(e)))
          """;
      GradedRun run = grade(suite(io("phone home", targets.toString(), "CONNECTED\n")), program);

      assertEquals(TestStatus.FAILED, run.test(0).status(), run.everythingVisible());
      int attempts = 2 * (hostAddresses.size() + 2);
      assertEquals("EPERM\n".repeat(attempts), run.test(0).output());
      assertEquals(0, accepted.get());
      udp.setSoTimeout(1);
      byte[] buf = new byte[16];
      assertThrows(java.net.SocketTimeoutException.class,
          () -> udp.receive(new java.net.DatagramPacket(buf, buf.length)), "a datagram arrived");
    }
  }

  private static void assertThrows(Class<? extends Throwable> type,
      org.junit.jupiter.api.function.Executable body, String message) {
    org.junit.jupiter.api.Assertions.assertThrows(type, body, message);
  }

  @Test
  void abstractUnixSocketsOfTheHostAreUnreachable() throws Exception {
    String name = "arbiter-canary-" + Canaries.secret().substring(7);
    try (HostAbstractListener listener = HostAbstractListener.start(name)) {
      String program = """
          import errno, socket
          s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
          try:
              s.connect("\\0" + input())
              s.send(b"leak")
              print("CONNECTED")
          except OSError as e:
              print(errno.errorcode[e.errno])
          """;
      GradedRun run = grade(suite(io("connect to an abstract socket", name + "\n", "CONNECTED\n")),
          program);

      assertEquals(TestStatus.FAILED, run.test(0).status(), run.everythingVisible());
      assertEquals("ECONNREFUSED\n", run.test(0).output());
      assertEquals(0, listener.acceptedAfterStop());
    }
  }

  // ---- resource exhaustion ---------------------------------------------------------------------

  @Test
  void forkBombIsATimeLimit() throws Exception {
    String program = """
        import os
        while True:
            try:
                os.fork()
            except OSError:
                pass
        """;
    GradedRun run = grade(suite(io("fork bomb", "", "")), program);

    assertEquals(TestStatus.TIME_LIMIT, run.test(0).status(), run.everythingVisible());
  }

  @Test
  void threadBombHitsTheProcessCapAndIsARuntimeError() throws Exception {
    String program = """
        import threading, time
        def bomb():
            n = 0
            try:
                while True:
                    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
                    n += 1
            finally:
                print(n)
        """;
    GradedRun run = grade(suite(call("thread bomb", "bomb", "[]", "0")), program);

    assertEquals(TestStatus.RUNTIME_ERROR, run.test(0).status(), run.everythingVisible());
    assertEquals("RuntimeError: can't start new thread", run.test(0).message());
    int threads = Integer.parseInt(run.test(0).output().trim());
    // The runner and the interpreter's main thread count too.
    assertTrue(threads < LIMITS.maxProcesses(), "threads started: " + threads);
  }

  @Test
  void memoryBombIsAMemoryLimit() throws Exception {
    String program = """
        blocks = []
        while True:
            blocks.append(bytearray(4 << 20))
        """;
    GradedRun run = grade(suite(io("memory bomb", "", "")), program);

    assertEquals(TestStatus.MEMORY_LIMIT, run.test(0).status(), run.everythingVisible());
  }

  @Test
  void memoryBombInACallTestIsAMemoryLimit() throws Exception {
    String program = """
        def grow():
            return len(bytearray(1 << 34))
        """;
    GradedRun run = grade(suite(call("memory bomb", "grow", "[]", "0")), program);

    assertEquals(TestStatus.MEMORY_LIMIT, run.test(0).status(), run.everythingVisible());
  }

  @Test
  void fillingTmpEndsInNoSpaceAndTheNextTestHasSpaceAgain() throws Exception {
    String program = """
        import os
        def fill():
            i = 0
            while True:
                with open("/tmp/fill%d" % i, "wb") as f:
                    f.write(b"x" * (1 << 20))
                i += 1

        def check():
            with open("/tmp/again", "wb") as f:
                f.write(b"y" * (8 << 20))
            return os.listdir("/tmp")
        """;
    GradedRun run = grade(suite(call("fill /tmp", "fill", "[]", "0"),
        call("space is back", "check", "[]", "[\"again\"]")), program);

    assertEquals(TestStatus.RUNTIME_ERROR, run.test(0).status(), run.everythingVisible());
    assertEquals("OSError: [Errno 28] No space left on device", run.test(0).message());
    assertEquals(TestStatus.PASSED, run.test(1).status(), run.everythingVisible());
  }

  @Test
  void oneHugeFileHitsTheFileSizeLimit() throws Exception {
    String program = """
        def huge():
            with open("/tmp/huge", "wb") as f:
                f.seek(1 << 40)
                f.write(b"x")
            return "wrote a terabyte file"
        """;
    GradedRun run = grade(suite(call("huge sparse file", "huge", "[]", "\"wrote a terabyte file\"")),
        program);

    assertEquals(TestStatus.RUNTIME_ERROR, run.test(0).status(), run.everythingVisible());
    assertEquals("OSError: [Errno 27] File too large", run.test(0).message());
  }

  // ---- output ----------------------------------------------------------------------------------

  @Test
  void stdoutFloodIsAnOutputLimitAndKeepsOnlyTheCap() throws Exception {
    GradedRun run = grade(suite(io("flood stdout", "", "")),
        "import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n");

    assertEquals(TestStatus.OUTPUT_LIMIT, run.test(0).status());
    assertEquals(LIMITS.outputBytes(), run.test(0).output().length());
  }

  @Test
  void stderrFloodIsAnOutputLimitToo() throws Exception {
    GradedRun run = grade(suite(io("flood stderr", "", "")),
        "import os\nwhile True:\n    os.write(2, b'e' * 65536)\n");

    assertEquals(TestStatus.OUTPUT_LIMIT, run.test(0).status());
    assertEquals(LIMITS.outputBytes(), run.test(0).stderr().length());
  }

  @Test
  void invalidUtf8OutputIsReplacedNotACrash() throws Exception {
    GradedRun run = grade(suite(io("invalid utf-8", "", "5\n")),
        "import sys\nsys.stdout.buffer.write(b'5\\xff\\xc0\\xaf\\xed\\xa0\\x80\\n')\n");

    assertEquals(TestStatus.FAILED, run.test(0).status());
    assertTrue(run.test(0).output().startsWith("5\uFFFD"), run.test(0).output());
    assertFalse(run.test(0).output().contains("\u00ff"));
  }

  // ---- time ------------------------------------------------------------------------------------

  @Test
  void sleepingForeverIsATimeLimit() throws Exception {
    GradedRun run = grade(suite(io("sleep", "", "")),
        "import threading\nthreading.Event().wait()\n");

    assertEquals(TestStatus.TIME_LIMIT, run.test(0).status());
  }

  @Test
  void busyLoopIsATimeLimit() throws Exception {
    GradedRun run = grade(suite(call("spin", "spin", "[]", "0")),
        "def spin():\n    while True:\n        pass\n");

    assertEquals(TestStatus.TIME_LIMIT, run.test(0).status());
  }
}
