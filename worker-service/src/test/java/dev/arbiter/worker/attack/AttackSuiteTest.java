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
import dev.arbiter.worker.launch.SandboxLimits;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
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

  @Test
  void theSandboxUserIsAnUnprivilegedStrangerOnTheHost() throws Exception {
    String marker = "uid-" + Canaries.secret().substring(7, 15);
    String program = """
        import os, time
        def wait(marker):
            open("/tmp/" + marker, "w").close()
            while os.path.exists("/tmp/" + marker):
                time.sleep(0.01)
            return [os.getuid(), os.geteuid(), os.getgid()]
        """;
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<GradedRun> running = pool.submit(() -> grade(
          suite(call("who am i", "wait", "[\"" + marker + "\"]", "[0, 0, 0]")), program,
          SandboxLimits.from(new RunLimits(30, 128, 64, 16, 32))));
      LiveSandbox box = LiveSandbox.await(marker, Duration.ofSeconds(60));
      String hostIds = Files.readAllLines(Path.of("/proc", Long.toString(box.pid()), "status"))
          .stream().filter(l -> l.startsWith("Uid:") || l.startsWith("Gid:"))
          .map(l -> l.replaceAll("\\s+", " ")).collect(Collectors.joining("\n"));
      box.release(marker);
      GradedRun run = running.get(60, TimeUnit.SECONDS);

      // Inside it is nobody (65534); on the host, with the user namespace on (the default), it is
      // an id that owns nothing and that no host daemon shares.
      assertEquals(TestStatus.FAILED, run.test(0).status(), run.everythingVisible());
      assertEquals("[65534, 65534, 65534]", run.test(0).actual());
      var userNs = SANDBOX.config().userNamespace();
      long host = userNs.enabled() ? userNs.hostIdBase() + 1 : 65534;
      assertEquals(("Uid: %d %d %d %d\nGid: %d %d %d %d").formatted(host, host, host, host, host,
          host, host, host), hostIds);
    } finally {
      pool.shutdownNow();
    }
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
  // ---- processes that try to outlive their test or the run ------------------------------------

  @Test
  void aDaemonOutlivesNeitherItsTestNorTheRun() throws Exception {
    String marker = "arbiter-daemon-" + Canaries.secret().substring(7);
    String program = """
        import os
        def spawn(marker):
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    os.execv("/usr/bin/python3", ["python3", "-c", "import time; time.sleep(600)", marker])
                os._exit(0)
            return "spawned"

        def count():
            return len([p for p in os.listdir("/proc") if p.isdigit()])
        """;
    // The last test spawns too: nothing may survive the end of the run either.
    GradedRun run = grade(suite(call("spawn", "spawn", "[\"" + marker + "\"]", "\"spawned\""),
        call("others left", "count", "[]", "3"),
        call("spawn again", "spawn", "[\"" + marker + "\"]", "\"spawned\"")), program);

    assertEquals(TestStatus.PASSED, run.test(0).status(), run.everythingVisible());
    // Only the runner and this test's interpreter: the daemon did not survive into the next test.
    assertEquals(TestStatus.FAILED, run.test(1).status());
    assertEquals("2", run.test(1).actual());
    assertEquals(List.of(), HostProcesses.withArgument(marker));
  }

  @Test
  void killingTheRunnerOrEveryProcessInTheSandboxDoesNotStopTheRun() throws Exception {
    String program = """
        import os, signal
        def kill_runner():
            for sig in (signal.SIGKILL, signal.SIGSTOP, signal.SIGTERM, signal.SIGINT, signal.SIGSEGV,
                        signal.SIGHUP, signal.SIGUSR1):
                for target in (1, os.getppid()):
                    os.kill(target, sig)
            return "sent"

        def kill_everyone():
            if os.fork() == 0:
                os.execv("/usr/bin/python3", ["python3", "-c", "import time; time.sleep(600)"])
            os.kill(-1, signal.SIGKILL)
            return "sent"
        """;
    GradedRun run = grade(suite(call("kill the runner", "kill_runner", "[]", "\"sent\""),
        call("kill everyone", "kill_everyone", "[]", "\"sent\""),
        call("after", "kill_runner", "[]", "\"sent\"")), program);

    // The runner (pid 1 of the sandbox, no handlers) ignores every signal from inside: all tests
    // ran in the first sandbox, none was lost.
    assertEquals(1, run.report().attempts());
    assertEquals(List.of(TestStatus.PASSED, TestStatus.PASSED, TestStatus.PASSED),
        run.outcomes().stream().map(o -> o.status()).toList(), run.everythingVisible());
  }

  // ---- writes outside /tmp ---------------------------------------------------------------------

  @Test
  void nothingOutsideTmpIsWritable() throws Exception {
    String program = """
        import errno, os, sys
        for p in sys.stdin.read().split():
            try:
                if p.endswith("/"):
                    os.mkdir(p)
                else:
                    with open(p, "a") as f:
                        f.write("pwned")
                print(p, "WROTE")
            except OSError as e:
                print(p, errno.errorcode[e.errno])
        """;
    String targets = String.join("\n", "/usr/pwned", "/usr/bin/python3", "/usr/lib/python3.11/os.py",
        "/lib/pwned", "/bin/pwned", "/etc/", "/etc/passwd", "/pwned", "/sandbox/pwned",
        "/sandbox/runner.py", "/sandbox/src/pwned", "/sandbox/src/main.py", "/dev/pwned",
        "/proc/sys/kernel/hostname", "/proc/sys/kernel/core_pattern");
    GradedRun run = grade(suite(io("write outside /tmp", targets, "WROTE\n")), program);

    assertEquals(TestStatus.FAILED, run.test(0).status(), run.everythingVisible());
    // EACCES where the file mode already refuses nobody (checked before the read-only mount).
    assertEquals("""
        /usr/pwned EROFS
        /usr/bin/python3 EACCES
        /usr/lib/python3.11/os.py EACCES
        /lib/pwned EROFS
        /bin/pwned EROFS
        /etc/ EROFS
        /etc/passwd ENOENT
        /pwned EROFS
        /sandbox/pwned EROFS
        /sandbox/runner.py EACCES
        /sandbox/src/pwned EROFS
        /sandbox/src/main.py EACCES
        /dev/pwned EACCES
        /proc/sys/kernel/hostname EACCES
        /proc/sys/kernel/core_pattern EACCES
        """, run.test(0).output());
  }

  // ---- forged verdicts -------------------------------------------------------------------------

  @Test
  void printingVerdictsAndFakeResultFramesScoresNothing() throws Exception {
    String program = """
        import base64, json, os, sys
        forged = {"type": "result", "index": 0, "exit": 0, "signal": 0, "timedOut": False,
                  "cpuExceeded": False, "stdoutTruncated": False, "stderrTruncated": False,
                  "memoryError": False, "stdout": base64.b64encode(b"5\\n").decode(), "stderr": "",
                  "wallMs": 1, "call": {"ok": True, "json": "5"}}
        for nonce in ("0" * 32, "f" * 32, "", None):
            line = json.dumps(dict(forged, nonce=nonce)) + "\\n"
            sys.stdout.write(line)
            sys.stderr.write(line)
        print("PASSED")
        print('{"status": "PASSED", "score": 1}')
        # The runner's own stdout, for a frame the worker would read.
        try:
            with open("/proc/1/fd/1", "w") as f:
                f.write(json.dumps(dict(forged, nonce="0" * 32)) + "\\n")
            print("WROTE TO THE RUNNER")
        except OSError as e:
            print("runner stdout:", e.strerror)
        """;
    GradedRun run = grade(suite(io("forge", "2 3\n", "5\n")), program);

    assertEquals(TestStatus.FAILED, run.test(0).status());
    assertEquals(0.0, run.score());
    assertTrue(run.test(0).output().endsWith("runner stdout: Permission denied\n"),
        run.test(0).output());
    assertEquals(1, run.report().attempts());
  }

  @Test
  void aForgedCallResultOnTheResultChannelIsARuntimeError() throws Exception {
    // fd 3 is the call test's result pipe: the student writes a passing result there first and
    // then fails, hoping the first frame counts.
    String program = """
        import json, os
        def add(a, b):
            os.write(3, json.dumps({"ok": True, "json": "5"}).encode())
            raise ValueError("the real answer is unknown")
        """;
    GradedRun run = grade(suite(call("forge fd 3", "add", "[2, 3]", "5")), program);

    assertEquals(TestStatus.RUNTIME_ERROR, run.test(0).status(), run.everythingVisible());
    assertEquals(0.0, run.score());
  }

  @Test
  void aResultNestedTooDeeplyToDecodeIsARuntimeErrorAndTheRunnerLivesOn() throws Exception {
    // 100,000 open brackets on the result channel: decoding them recurses past Python's limit,
    // which must cost this test only, not the runner (and so not the tests after it).
    String program = """
        import os
        def add(a, b):
            if a == 2:
                os.write(3, b"[" * 100000)
                os._exit(0)
            return a + b
        """;
    GradedRun run = grade(suite(call("deep", "add", "[2, 3]", "5"),
        call("after", "add", "[1, 1]", "2")), program);

    assertEquals(List.of(TestStatus.RUNTIME_ERROR, TestStatus.PASSED),
        List.of(run.test(0).status(), run.test(1).status()), run.everythingVisible());
    assertEquals(1, run.report().attempts());
  }

  @Test
  void writingForgedFramesToEveryOpenDescriptorScoresNothing() throws Exception {
    String program = """
        import json, os
        def add(a, b):
            frame = json.dumps({"type": "result", "nonce": "0" * 32, "index": 0, "exit": 0,
                                "call": {"ok": True, "json": "5"}}) + "\\n"
            for fd in range(0, 256):
                try:
                    os.write(fd, frame.encode())
                except OSError:
                    pass
            return None
        """;
    GradedRun run = grade(suite(call("forge everywhere", "add", "[2, 3]", "5")), program);

    assertEquals(TestStatus.RUNTIME_ERROR, run.test(0).status(), run.everythingVisible());
    assertEquals(0.0, run.score());
  }

  @Test
  void writingResultFilesScoresNothing() throws Exception {
    String program = """
        import os
        for d in ("/tmp", "/sandbox", "/sandbox/src", os.path.expanduser("~")):
            for name in ("result.json", "results.json", "grade.txt"):
                try:
                    with open(os.path.join(d, name), "w") as f:
                        f.write('{"score": 100, "status": "PASSED"}')
                except OSError:
                    pass
        """;
    GradedRun run = grade(suite(io("results file", "2 3\n", "5\n")), program);

    assertEquals(TestStatus.FAILED, run.test(0).status());
    assertEquals(0.0, run.score());
  }

  // ---- hunting for hidden expected values ------------------------------------------------------

  @Test
  void hiddenExpectedValuesAreNowhereInTheSandbox() throws Exception {
    String hiddenCall = "HIDDEN-" + Canaries.secret().substring(7);
    String hiddenIo = "HIDDEN-" + Canaries.secret().substring(7);
    // Searches everything a process can reach for the HIDDEN- prefix and returns what it found.
    String program = """
        import gc, os, re, sys
        # The needle is built at run time so that the program's own text never matches it.
        NEEDLE = re.compile("HID" + "DEN-[0-9a-f]{8}-[0-9a-f]{4}")

        def hunt(*_):
            found, seen = set(), 0
            def look(x):
                nonlocal seen
                seen += 1
                if isinstance(x, (bytes, bytearray)):
                    x = bytes(x).decode("latin-1")
                if isinstance(x, str):
                    found.update(NEEDLE.findall(x))
            for o in gc.get_objects():
                look(o)
                if isinstance(o, dict):
                    for k, v in list(o.items()):
                        look(k); look(v)
                elif isinstance(o, (list, tuple)):
                    for v in o:
                        look(v)
            f = sys._getframe()
            while f is not None:
                for v in list(f.f_locals.values()) + list(f.f_globals.values()):
                    look(v); look(repr(v)[:100000])
                f = f.f_back
            for v in sys.argv + list(os.environ.items()):
                look(str(v))
            for fd in range(256):
                try:
                    os.set_blocking(fd, False)
                    look(os.read(fd, 1 << 20))
                except OSError:
                    pass
            for p in os.listdir("/proc"):
                for part in ("cmdline", "environ"):
                    try:
                        look(open("/proc/%s/%s" % (p, part), "rb").read())
                    except OSError:
                        pass
            for root, dirs, files in os.walk("/tmp"):
                for n in files:
                    look(open(os.path.join(root, n), "rb").read())
            return [sorted(found), seen > 10000]

        if __name__ == "__main__":
            print(hunt())
        """;
    GradedRun run = grade(suite(call("visible probe", "hunt", "[]", "[[], true]"),
        GradedRun.hiddenCall("hidden call", "hunt", "[]", "\"" + hiddenCall + "\""),
        GradedRun.hiddenIo("hidden io", "", hiddenIo + "\n")), program);

    // The search worked (it scanned many objects and found nothing) ...
    assertEquals(TestStatus.PASSED, run.test(0).status(), run.everythingVisible());
    assertEquals(TestStatus.FAILED, run.test(1).status());
    assertEquals(TestStatus.FAILED, run.test(2).status());
    assertEquals("[[], True]\n", run.test(2).output());
    // ... because the expected values never entered the sandbox.
    assertFalse(run.everythingVisible().contains(hiddenCall));
    assertFalse(run.everythingVisible().contains(hiddenIo));
  }

  @Test
  void laterTestsInputsAreNotInTheSandboxWhileAnEarlierTestRuns() throws Exception {
    String later = "LATER-" + Canaries.secret().substring(7);
    String program = """
        import os, sys
        data = sys.stdin.read()
        found = []
        for p in os.listdir("/proc"):
            for part in ("cmdline", "environ"):
                try:
                    if b"LAT" b"ER-" in open("/proc/%s/%s" % (p, part), "rb").read():
                        found.append(p)
                except OSError:
                    pass
        for fd in range(3, 256):
            try:
                os.set_blocking(fd, False)
                if b"LAT" b"ER-" in os.read(fd, 1 << 20):
                    found.append(fd)
            except OSError:
                pass
        print(found)
        """;
    GradedRun run = grade(suite(io("first", "", "[]\n"), GradedRun.hiddenIo("second", later, "x\n")),
        program);

    assertEquals(TestStatus.PASSED, run.test(0).status(), run.everythingVisible());
    assertFalse(run.test(0).output().contains(later));
  }

  @Test
  void aHiddenTestCannotPassItsInputToAVisibleTestThroughWhatSurvivesBetweenTests() throws Exception {
    // The pid counter and tmpfs inode numbers survive the between-test cleanup: a hidden test could
    // fork or create files as many times as its input says, for a visible test run after it to
    // read off its own pid. Every visible test must run before any hidden one, whatever the
    // suite's order: both print their pid and a new file's inode, which only grow in a sandbox.
    String program = """
        import os
        open("/tmp/probe", "w").close()
        print(os.getpid(), os.stat("/tmp/probe").st_ino)
        """;
    GradedRun run = grade(suite(GradedRun.hiddenIo("hidden", "", "x\n"), io("visible", "", "?\n")),
        program);

    long[] hidden = numbers(run.test(0).output());
    long[] visible = numbers(run.test(1).output());
    assertTrue(visible[0] < hidden[0], "visible test ran after the hidden one: " + run.everythingVisible());
    assertTrue(visible[1] < hidden[1], "visible test ran after the hidden one: " + run.everythingVisible());
  }

  private static long[] numbers(String line) {
    return java.util.Arrays.stream(line.trim().split(" ")).mapToLong(Long::parseLong).toArray();
  }

  @Test
  void theThirtyTwoBitSyscallEntryIsClosed() throws Exception {
    // int 0x80 enters the kernel through the i386 compat table, a path with its own history of
    // kernel bugs; the seccomp profile admits x86_64 calls only, so it must not reach the kernel.
    String program = """
        import ctypes, mmap, os
        code = bytes([0xb8, 0x14, 0, 0, 0, 0xcd, 0x80, 0xc3])  # mov eax, 20 (getpid); int 0x80; ret
        m = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
        m.write(code)
        getpid32 = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(m)))
        print("reached the kernel" if getpid32() == os.getpid() else "refused")
        """;
    GradedRun run = grade(suite(io("int 0x80", "", "refused\n")), program);

    assertFalse(run.test(0).output().contains("reached"), run.everythingVisible());
    // Refused with an errno (the test passes) or the process killed (RUNTIME_ERROR): never a pass
    // of the attacker's goal.
    assertTrue(run.test(0).status() == TestStatus.PASSED
        || run.test(0).status() == TestStatus.RUNTIME_ERROR, run.everythingVisible());
  }

  // ---- crashing the runner ---------------------------------------------------------------------

  @Test
  void endingTheInterpreterInEveryWayIsARuntimeError() throws Exception {
    String program = """
        import ctypes, os, signal, sys
        def exit_now(): os._exit(0)
        def system_exit(): raise SystemExit(0)
        def interrupt(): raise KeyboardInterrupt
        def base(): raise BaseException("not an Exception")
        def segfault(): ctypes.string_at(0)
        def abort(): os.abort()
        def sigkill_self(): os.kill(os.getpid(), signal.SIGKILL)
        def close_everything():
            for fd in (0, 1, 2, 3):
                os.close(fd)
            return 5
        """;
    List<String> crashes = List.of("exit_now", "system_exit", "interrupt", "base", "segfault", "abort",
        "sigkill_self", "close_everything");
    TestSuite suite = suite(crashes.stream().map(f -> call(f, f, "[]", "5"))
        .toArray(dev.arbiter.common.suite.TestCase[]::new));
    GradedRun run = grade(suite, program);

    for (int i = 0; i < crashes.size(); i++) {
      assertEquals(TestStatus.RUNTIME_ERROR, run.test(i).status(), crashes.get(i) + ": "
          + run.test(i).message());
    }
    assertEquals("killed by signal 11", run.test(4).message());
    assertEquals(1, run.report().attempts());
  }
  @Test
  void sabotagingTheModulesTheHarnessUsesChangesNoVerdict() throws Exception {
    // The call bootstrap encodes the result with _json and writes it with posix: a student who
    // replaces those functions (or json's) before returning neither breaks nor bends the verdict.
    String program = """
        import _json, json, posix
        def sabotage(value):
            _json.make_encoder = _json.encode_basestring_ascii = None
            posix.write = posix._exit = None
            json.dumps = lambda *a, **k: "5"
            return value
        """;
    GradedRun run = grade(suite(call("right", "sabotage", "[5]", "5"),
        call("wrong", "sabotage", "[6]", "5")), program);

    assertEquals(List.of(TestStatus.PASSED, TestStatus.FAILED),
        List.of(run.test(0).status(), run.test(1).status()), run.everythingVisible());
    assertEquals(1, run.report().attempts());
  }


  @Test
  void deepRecursionIsARuntimeError() throws Exception {
    String program = """
        import sys
        def down(n):
            return down(n + 1) + 1
        def deeper(n):
            sys.setrecursionlimit(10 ** 8)
            return down(n)
        def c_stack(n):
            sys.setrecursionlimit(10 ** 8)
            x, y = [], []
            for _ in range(n):
                x, y = [x], [y]
            return x == y  # list comparison recurses in C
        def nested(n):
            x = []
            for _ in range(n):
                x = [x]
            return x
        """;
    GradedRun run = grade(suite(call("recursion", "down", "[0]", "0"),
        call("python frames until memory runs out", "deeper", "[0]", "0"),
        call("past the C stack", "c_stack", "[300000]", "0"),
        call("unencodable nesting", "nested", "[100000]", "[]"),
        call("deep but encodable nesting", "nested", "[900]", "[]")), program);

    assertEquals(TestStatus.RUNTIME_ERROR, run.test(0).status(), run.everythingVisible());
    assertTrue(run.test(0).message().startsWith("RecursionError"), run.test(0).message());
    // Python 3.11 keeps Python frames on the heap: unbounded recursion is a memory bomb.
    assertEquals(TestStatus.MEMORY_LIMIT, run.test(1).status(), run.test(1).message());
    assertEquals(TestStatus.RUNTIME_ERROR, run.test(2).status(), run.test(2).message());
    assertEquals("killed by signal 11", run.test(2).message());
    assertEquals(TestStatus.RUNTIME_ERROR, run.test(3).status(), run.test(3).message());
    assertEquals("result is not JSON: list", run.test(3).message());
    // The judge parses what came back without falling over, and it is simply wrong.
    assertEquals(TestStatus.FAILED, run.test(4).status(), run.test(4).message());
  }

  // ---- the sandbox's own view ------------------------------------------------------------------

  @Test
  void devHoldsOnlyTheHarmlessDevices() throws Exception {
    String program = """
        import errno, os, stat
        def devices():
            chars = sorted(n for n in os.listdir("/dev") if stat.S_ISCHR(os.lstat("/dev/" + n).st_mode))
            opened = []
            for n in ("mem", "kmem", "port", "kmsg", "console", "sda", "vda", "nvme0", "loop0",
                      "net/tun", "fuse", "kvm", "cpu/0/msr", "shm/x", "tty"):
                try:
                    os.close(os.open("/dev/" + n, os.O_RDWR))
                    opened.append(n)
                except OSError as e:
                    opened.append(n + " " + errno.errorcode[e.errno])
            return [chars, opened]
        """;
    GradedRun run = grade(suite(call("open devices", "devices", "[]", "[]")), program);

    assertEquals(TestStatus.FAILED, run.test(0).status(), run.everythingVisible());
    assertEquals("[[\"full\", \"null\", \"random\", \"tty\", \"urandom\", \"zero\"], [\"mem ENOENT\", "
        + "\"kmem ENOENT\", \"port ENOENT\", \"kmsg ENOENT\", \"console ENOENT\", \"sda ENOENT\", "
        + "\"vda ENOENT\", \"nvme0 ENOENT\", \"loop0 ENOENT\", \"net/tun ENOENT\", \"fuse ENOENT\", "
        + "\"kvm ENOENT\", \"cpu/0/msr ENOENT\", \"shm/x ENOENT\", \"tty ENXIO\"]]",
        run.test(0).actual());
  }

  @Test
  void theHostnameIsTheSandboxesOwn() throws Exception {
    String program = """
        import os, socket
        def names():
            return [socket.gethostname(), os.uname().nodename, open("/proc/sys/kernel/hostname").read().strip()]
        """;
    String host = java.net.InetAddress.getLocalHost().getHostName();
    GradedRun run = grade(suite(call("hostname", "names", "[]",
        "[\"" + host + "\", \"" + host + "\", \"" + host + "\"]")), program);

    assertEquals(TestStatus.FAILED, run.test(0).status());
    assertEquals("[\"sandbox\", \"sandbox\", \"sandbox\"]", run.test(0).actual());
  }

  @Test
  void procHidesKernelSecrets() throws Exception {
    String program = """
        import errno
        def peek(paths):
            out = []
            for p in paths:
                try:
                    with open(p, "rb") as f:
                        out.append(len(f.read(65536)))
                except OSError as e:
                    out.append(errno.errorcode[e.errno])
            return out
        """;
    List<String> masked = List.of("/proc/kcore", "/proc/keys", "/proc/timer_list", "/proc/sched_debug",
        "/proc/latency_stats");
    String paths = "[" + masked.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", ")) + "]";
    GradedRun run = grade(suite(call("peek into /proc", "peek", "[" + paths + "]", "[]")), program);

    assertEquals(TestStatus.FAILED, run.test(0).status(), run.everythingVisible());
    // Masked: present on the host, empty in the sandbox. (This kernel lacks some of them.)
    String expected = "[" + masked.stream().map(p -> Files.exists(Path.of(p)) ? "0" : "\"ENOENT\"")
        .collect(Collectors.joining(", ")) + "]";
    assertEquals(expected, run.test(0).actual());
  }

  @Test
  void kernelAddressesAreHidden() throws Exception {
    String program = """
        def symbols():
            lines = open("/proc/kallsyms").read().splitlines()
            return [len(lines) > 1000, sorted({l.split()[0] for l in lines})[:3]]
        """;
    GradedRun run = grade(suite(call("kallsyms", "symbols", "[]", "[]")), program);

    assertEquals(TestStatus.FAILED, run.test(0).status(), run.everythingVisible());
    assertEquals("[true, [\"0000000000000000\"]]", run.test(0).actual());
  }

  @Test
  void limitsCannotBeRaisedFromInside() throws Exception {
    String program = """
        import resource
        def lift():
            out = []
            for name in ("RLIMIT_CPU", "RLIMIT_NOFILE", "RLIMIT_FSIZE", "RLIMIT_CORE", "RLIMIT_NPROC"):
                r = getattr(resource, name)
                try:
                    resource.setrlimit(r, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
                    out.append(name + " lifted")
                except (ValueError, OSError) as e:
                    out.append(name + " " + type(e).__name__)
            return out
        """;
    GradedRun run = grade(suite(call("lift limits", "lift", "[]", "[]")), program);

    assertEquals(TestStatus.FAILED, run.test(0).status(), run.everythingVisible());
    assertEquals("[\"RLIMIT_CPU ValueError\", \"RLIMIT_NOFILE ValueError\", \"RLIMIT_FSIZE ValueError\", "
        + "\"RLIMIT_CORE ValueError\", \"RLIMIT_NPROC ValueError\"]", run.test(0).actual());
  }

  // ---- another student's run -------------------------------------------------------------------

  @Test
  void aConcurrentRunsSecretsAreInvisible() throws Exception {
    String secret = Canaries.secret();
    String planted = "planted-" + secret.substring(7, 15);
    // Run A plants its secret in /tmp, in an abstract socket name and in SysV shared memory, then
    // waits (bounded by its time limit) until the host has let run B hunt for it.
    String victim = """
        import ctypes, os, socket, time
        def plant(secret, marker):
            with open("/tmp/secret", "w") as f:
                f.write(secret)
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind("\\0" + secret)
            s.listen(1)
            libc = ctypes.CDLL(None, use_errno=True)
            libc.shmat.restype = ctypes.c_void_p
            shmid = libc.shmget(0x41524249, 4096, 0o1666)
            addr = libc.shmat(shmid, None, 0)
            ctypes.memmove(addr, secret.encode(), len(secret))
            open("/tmp/" + marker, "w").close()
            while os.path.exists("/tmp/" + marker):
                time.sleep(0.01)
            return "done"
        """;
    String thief = """
        import ctypes, os
        def hunt():
            found = []
            def check(where, data):
                if isinstance(data, bytes):
                    data = data.decode("latin-1")
                if "CANA" "RY-" in data:  # split: the program's own text must not match
                    found.append(where)
            # (Not /dev: /dev/stdout would open this test's own output pipe for reading.)
            for top in ("/tmp", "/sandbox", "/proc/sysvipc"):
                for root, dirs, files in os.walk(top):
                    for n in files:
                        try:
                            check(os.path.join(root, n), open(os.path.join(root, n), "rb").read(1 << 20))
                        except OSError:
                            pass
            for p in os.listdir("/proc"):
                if p.isdigit():
                    for rest in ("root/tmp/secret", "cwd/secret", "environ", "cmdline"):
                        try:
                            check(p + "/" + rest, open("/proc/%s/%s" % (p, rest), "rb").read())
                        except OSError:
                            pass
            check("/proc/net/unix", open("/proc/net/unix").read())
            libc = ctypes.CDLL(None, use_errno=True)
            libc.shmat.restype = ctypes.c_void_p
            shmid = libc.shmget(0x41524249, 0, 0)
            if shmid >= 0:
                check("shm", ctypes.string_at(libc.shmat(shmid, None, 0), 64))
            return found
        """;
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<GradedRun> runA = pool.submit(() -> grade(
          suite(call("plant", "plant", "[\"" + secret + "\", \"" + planted + "\"]", "\"done\"")),
          victim, SandboxLimits.from(new RunLimits(30, 128, 64, 16, 32))));
      LiveSandbox a = LiveSandbox.await(planted, Duration.ofSeconds(60));

      GradedRun runB = grade(suite(call("hunt", "hunt", "[]", "[\"" + secret + "\"]")), thief);

      boolean aWasStillRunning = !runA.isDone();
      a.release(planted);
      GradedRun graded = runA.get(60, TimeUnit.SECONDS);
      assertTrue(aWasStillRunning, "run A must overlap run B for this attack to mean anything");
      assertEquals(TestStatus.PASSED, graded.test(0).status(), graded.everythingVisible());
      assertEquals(TestStatus.FAILED, runB.test(0).status(), runB.everythingVisible());
      assertEquals("[]", runB.test(0).actual());
      assertFalse(runB.everythingVisible().contains(secret));
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- status forgery and the result channel ---------------------------------------------------

  @Test
  void sendingItselfTheCpuLimitSignalEarlyIsARuntimeErrorNotATimeLimit() throws Exception {
    // SIGXCPU from the student before any real CPU use: not the platform's CPU-time verdict.
    GradedRun run = grade(suite(call("fake cpu limit", "f", "[]", "0")),
        "import os, signal\ndef f():\n    os.kill(os.getpid(), signal.SIGXCPU)\n");

    assertEquals(TestStatus.RUNTIME_ERROR, run.test(0).status(), run.everythingVisible());
    assertEquals("killed by signal 24", run.test(0).message());
  }

  @Test
  void invalidUtf8FloodStaysWithinTheOutputCapAfterReplacement() throws Exception {
    // Every invalid byte becomes U+FFFD, three bytes in UTF-8: the cap must hold after that too.
    GradedRun run = grade(suite(io("0xff flood", "", "")),
        "import sys\nsys.stdout.buffer.write(b'\\xff' * " + LIMITS.outputBytes() + ")\n");

    assertEquals(TestStatus.FAILED, run.test(0).status());
    int utf8 = run.test(0).output().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    assertTrue(utf8 <= LIMITS.outputBytes(), "output is " + utf8 + " bytes of UTF-8");
    assertTrue(run.test(0).output().startsWith("\uFFFD\uFFFD"));
  }

  @Test
  void aLargeReturnValueIsJudgedWhole() throws Exception {
    String expected = java.util.stream.IntStream.range(0, 3000).mapToObj(Integer::toString)
        .collect(Collectors.joining(", ", "[", "]"));
    GradedRun run = grade(suite(call("big list", "f", "[]", expected)),
        "def f():\n    return list(range(3000))\n");

    assertEquals(TestStatus.PASSED, run.test(0).status(), run.test(0).message());
  }

  @Test
  void aReturnValueBeyondTheOutputCapIsAnOutputLimit() throws Exception {
    GradedRun run = grade(suite(call("huge result", "f", "[]", "\"x\"")),
        "def f():\n    return 'x' * (8 << 20)\n");

    assertEquals(TestStatus.OUTPUT_LIMIT, run.test(0).status(), run.test(0).message());
  }
}
