package dev.arbiter.worker.launch;

import static dev.arbiter.worker.launch.SandboxFixture.call;
import static dev.arbiter.worker.launch.SandboxFixture.err;
import static dev.arbiter.worker.launch.SandboxFixture.io;
import static dev.arbiter.worker.launch.SandboxFixture.out;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arbiter.common.status.RunLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The local runc launcher against a real runc: what a student program can and cannot do. */
class OciRunLauncherTest {

  private static final SandboxFixture SANDBOX = new SandboxFixture();

  @AfterAll
  static void nothingIsLeftBehind() throws IOException {
    assertEquals(List.of(), SANDBOX.leftovers());
  }

  @Test
  void correctProgramExitsZeroWithItsOutput() throws Exception {
    TestExecution run = SANDBOX.runOne("print(sum(map(int, input().split())))\n", "2 3\n");

    assertEquals(Termination.EXITED, run.termination());
    assertEquals(0, run.exitCode());
    assertEquals("5\n", out(run));
  }

  @Test
  void eachTestGetsItsOwnStdinInOrder() throws Exception {
    RunReport report = SANDBOX.run("print(input()[::-1])\n", io("abc\n"), io("xyz\n"), io("12\n"));

    assertEquals(List.of("cba\n", "zyx\n", "21\n"),
        report.tests().stream().map(SandboxFixture::out).toList());
    assertEquals(1, report.attempts());
  }

  @Test
  void anIoProgramRunsAsMainWithItsFileAndArgv() throws Exception {
    TestExecution run = SANDBOX.runOne(
        "import sys, __main__\n"
            + "print(__name__, __file__, sys.argv, __main__.__file__, sys.path[0])\n"
            + "def helper(): pass\n"
            + "print(sys.modules['__main__'].helper is helper)\n",
        "");

    assertEquals("__main__ /sandbox/src/main.py ['main.py'] /sandbox/src/main.py /sandbox/src\nTrue\n",
        out(run));
  }

  @Test
  void aWarmSandboxServesTheNextRunWithOnlyThatRunsFiles() throws Exception {
    SandboxFixture pooled = new SandboxFixture(base -> new LocalSandboxConfig(base).withWarmSandboxes(1));
    try {
      String program = "import os\nprint(open('secret.txt').read(), sorted(os.listdir('.')))\n";
      RunReport first = pooled.launcher().launch(pooled.spec(
          Map.of("main.py", program, "secret.txt", "first"), SandboxFixture.FAST_LIMITS, io("")));
      assertEquals("first ['main.py', 'secret.txt']\n", out(first.tests().get(0)));
      awaitWarm(pooled.launcher(), 1);

      RunReport second = pooled.launcher().launch(pooled.spec(
          Map.of("main.py", program, "secret.txt", "second"), SandboxFixture.FAST_LIMITS, io("")));

      assertEquals("second ['main.py', 'secret.txt']\n", out(second.tests().get(0)));
      assertEquals(1, second.attempts());
      // Taken, and another started for the next run with the same limits.
      awaitWarm(pooled.launcher(), 1);
    } finally {
      assertEquals(List.of(), pooled.leftovers());
    }
  }

  @Test
  void warmSandboxesAreKeptPerLimitSet() throws Exception {
    SandboxFixture pooled = new SandboxFixture(base -> new LocalSandboxConfig(base).withWarmSandboxes(1));
    try {
      RunLimits other = new RunLimits(3, 96, 32, 8, 16);
      pooled.launcher().launch(pooled.spec(Map.of("main.py", "print(1)\n"), SandboxFixture.FAST_LIMITS, io("")));
      pooled.launcher().launch(pooled.spec(Map.of("main.py", "print(1)\n"), other, io("")));
      awaitWarm(pooled.launcher(), 2);

      // A run with the other limits gets a sandbox made for them: its memory cap is theirs.
      TestExecution run = pooled.launcher().launch(pooled.spec(Map.of("main.py",
          "x = bytearray(110 * 1024 * 1024)\nprint('allocated')\n"), other, io(""))).tests().get(0);
      assertEquals(Termination.MEMORY_LIMIT, run.termination(), out(run) + err(run));
    } finally {
      assertEquals(List.of(), pooled.leftovers());
    }
  }

  private static void awaitWarm(OciRunLauncher launcher, int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (launcher.warmWaiting() < n) {
      assertTrue(System.nanoTime() < deadline, "no warm sandbox started within 20 s");
      Thread.sleep(20);
    }
  }

  @Test
  void uncaughtExceptionIsANonZeroExitWithTraceback() throws Exception {
    TestExecution run = SANDBOX.runOne("raise ValueError('boom')\n", "");

    assertEquals(Termination.EXITED, run.termination());
    assertEquals(1, run.exitCode());
    assertTrue(err(run).contains("ValueError: boom"), err(run));
  }

  @Test
  void busyLoopIsStoppedAtTheTimeLimit() throws Exception {
    assertEquals(Termination.TIME_LIMIT, SANDBOX.runOne("while True: pass\n", "").termination());
  }

  @Test
  void sleeperIsStoppedAtTheWallClockLimit() throws Exception {
    TestExecution run = SANDBOX.runOne("import time\ntime.sleep(1000)\n", "");

    assertEquals(Termination.TIME_LIMIT, run.termination());
  }

  @Test
  void allocatingAGigabyteIsAMemoryLimit() throws Exception {
    TestExecution run = SANDBOX.runOne("x = bytearray(1 << 30)\nprint(len(x))\n", "");

    assertEquals(Termination.MEMORY_LIMIT, run.termination(), run.detail());
  }

  @Test
  void anAllocationPythonRefusesWithMemoryErrorIsAMemoryLimit() throws Exception {
    // 8 TiB: refused at once with MemoryError (no OOM kill); the io bootstrap reports it.
    TestExecution run = SANDBOX.runOne("x = [0] * (1 << 40)\n", "");

    assertEquals(Termination.MEMORY_LIMIT, run.termination(), run.detail());
  }

  @Test
  void touchingMemoryPastTheCgroupLimitIsAMemoryLimit() throws Exception {
    TestExecution run = SANDBOX.runOne(
        "blocks = []\nwhile True:\n    blocks.append(b'x' * (8 << 20))\n", "");

    assertEquals(Termination.MEMORY_LIMIT, run.termination(), run.detail());
  }

  @Test
  void floodingStdoutIsAnOutputLimitAndKeepsOnlyTheCap() throws Exception {
    TestExecution run = SANDBOX.runOne("import sys\nsys.stdout.write('x' * (1 << 20))\n", "");

    assertEquals(Termination.OUTPUT_LIMIT, run.termination());
    assertEquals(SandboxFixture.FAST_LIMITS.outputBytes(), run.stdout().length);
  }

  @Test
  void floodingStderrIsAnOutputLimitToo() throws Exception {
    TestExecution run = SANDBOX.runOne("import sys\nwhile True: sys.stderr.write('e' * 4096)\n", "");

    assertEquals(Termination.OUTPUT_LIMIT, run.termination());
  }

  @Test
  void callTestReturnsTheJsonEncodedResult() throws Exception {
    TestExecution run = SANDBOX.run("def add(a, b):\n    print('noise')\n    return a + b\n",
        call("add", "[-2, -3]")).tests().get(0);

    assertEquals(Termination.EXITED, run.termination());
    assertEquals("-5", run.callResultJson());
    assertEquals("noise\n", out(run));
  }

  @Test
  void callTestExceptionNonJsonResultAndSystemExitAreCallErrors() throws Exception {
    RunReport report = SANDBOX.run(
        "import os\n"
            + "def boom(): raise KeyError('k')\n"
            + "def setty(): return {1, 2}\n"
            + "def leave(): raise SystemExit(0)\n"
            + "def vanish(): os._exit(0)\n"
            + "def nan(): return float('nan')\n"
            + "def loop():\n    x = []\n    x.append(x)\n    return x\n",
        call("boom", "[]"), call("setty", "[]"), call("leave", "[]"), call("vanish", "[]"),
        call("nan", "[]"), call("loop", "[]"));

    for (TestExecution run : report.tests()) {
      assertNull(run.callResultJson(), "test " + run.index());
    }
    assertTrue(report.tests().get(0).callError().startsWith("KeyError"));
    assertTrue(report.tests().get(1).callError().startsWith("result is not JSON"));
    assertTrue(report.tests().get(2).callError().startsWith("SystemExit"));
    assertTrue(report.tests().get(4).callError().startsWith("result is not JSON: float"));
    assertTrue(report.tests().get(5).callError().startsWith("result is not JSON: list"));
  }

  @Test
  void killingPidOneDoesNotStopTheRun() throws Exception {
    RunReport report = SANDBOX.run("import os, signal\nos.kill(1, signal.SIGKILL)\nprint('alive')\n",
        io(""), io(""));

    assertEquals("alive\n", out(report.tests().get(0)));
    assertEquals("alive\n", out(report.tests().get(1)));
    assertEquals(1, report.attempts());
  }

  @Test
  void aBackgroundProcessDoesNotSurviveIntoTheNextTest() throws Exception {
    String program = "import os, sys, time\n"
        + "mode = input()\n"
        + "if mode == 'spawn':\n"
        + "    if os.fork() == 0:\n"
        + "        os.setsid()\n"
        + "        time.sleep(60)\n"
        + "        os._exit(0)\n"
        + "    print('spawned')\n"
        + "else:\n"
        + "    pids = [p for p in os.listdir('/proc') if p.isdigit()]\n"
        + "    print(len(pids))\n";
    RunReport report = SANDBOX.run(program, io("spawn\n"), io("count\n"));

    assertEquals("spawned\n", out(report.tests().get(0)));
    // Only the runner (pid 1) and this test's own process are left.
    assertEquals("2\n", out(report.tests().get(1)));
  }

  @Test
  void tmpIsEmptiedBetweenTests() throws Exception {
    String program = "import os\n"
        + "if input() == 'write':\n"
        + "    open('/tmp/leak', 'w').write('secret')\n"
        + "    os.makedirs('/tmp/d/e')\n"
        + "    os.chmod('/tmp/d', 0)\n"
        + "print(sorted(os.listdir('/tmp')))\n";
    RunReport report = SANDBOX.run(program, io("write\n"), io("read\n"));

    assertEquals("['d', 'leak']\n", out(report.tests().get(0)), err(report.tests().get(0)));
    assertEquals("[]\n", out(report.tests().get(1)));
  }

  @Test
  void runsAsNobodyWithNoCapabilities() throws Exception {
    TestExecution run = SANDBOX.runOne(
        "import os\nprint(os.getuid(), os.getgid())\n"
            + "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('Cap')])\n"
            + "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('NoNewPrivs')])\n",
        "");

    assertEquals("65534 65534\n['0000000000000000', '0000000000000000', '0000000000000000', "
        + "'0000000000000000', '0000000000000000']\n['1']\n", out(run));
  }

  @Test
  void rootFilesystemAndSourcesAreReadOnly() throws Exception {
    TestExecution run = SANDBOX.runOne(
        "for p in ['/usr/evil', '/etc_evil', '/sandbox/src/main.py', '/sandbox/runner.py']:\n"
            + "    try:\n"
            + "        open(p, 'a').write('x')\n"
            + "        print('wrote', p)\n"
            + "    except OSError as e:\n"
            + "        print('denied')\n",
        "");

    assertEquals("denied\ndenied\ndenied\ndenied\n", out(run));
  }

  @Test
  void noNetworkNotEvenTheHostsLoopback() throws Exception {
    try (ServerSocket canary = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger accepted = new AtomicInteger();
      Thread t = new Thread(() -> {
        try {
          canary.accept();
          accepted.incrementAndGet();
        } catch (IOException ignored) {
          // closed at the end of the test
        }
      });
      t.setDaemon(true);
      t.start();
      TestExecution run = SANDBOX.runOne(
          "import socket\n"
              + "try:\n"
              + "    s = socket.create_connection(('127.0.0.1', " + canary.getLocalPort() + "), 1)\n"
              + "    print('connected')\n"
              + "except OSError as e:\n"
              + "    print('blocked')\n",
          "");

      assertEquals("blocked\n", out(run));
      assertEquals(0, accepted.get());
    }
  }

  @Test
  void environmentIsScrubbed() throws Exception {
    TestExecution run = SANDBOX.runOne("import os\nprint(sorted(os.environ))\n", "");

    assertEquals("['HOME', 'LANG', 'PATH', 'PYTHONDONTWRITEBYTECODE', 'PYTHONIOENCODING']\n", out(run));
  }

  @Test
  void ptraceIsDeniedBySeccomp() throws Exception {
    TestExecution run = SANDBOX.runOne(
        "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"
            + "print(libc.ptrace(16, 1, 0, 0), ctypes.get_errno())\n",
        "");

    assertEquals("-1 1\n", out(run));
  }

  @Test
  void sourceFilesAreVisibleAndImportable() throws Exception {
    RunReport report = SANDBOX.launcher().launch(SANDBOX.spec(
        Map.of("main.py", "from lib.util import twice\nprint(twice(int(input())))\n",
            "lib/__init__.py", "", "lib/util.py", "def twice(x):\n    return 2 * x\n"),
        SandboxFixture.FAST_LIMITS, io("21\n")));

    assertEquals("42\n", out(report.tests().get(0)));
  }

  @Test
  void aMissingRuntimeIsAPlatformFailureNotAVerdict() throws Exception {
    Path base = Files.createTempDirectory("arbiter-missing-runtime");
    OciRunLauncher broken = new OciRunLauncher(new LocalSandboxConfig(base, "/nonexistent/runc"));

    SandboxFailure failure = org.junit.jupiter.api.Assertions.assertThrows(SandboxFailure.class,
        () -> broken.launch(SANDBOX.spec(Map.of("main.py", "print(1)"),
            SandboxFixture.FAST_LIMITS, io(""))));
    assertFalse(failure.getMessage().isBlank());
  }

  /**
   * The same launcher on gVisor ({@code arbiter.sandbox.runtime=runsc}): gVisor's own kernel
   * between the student and the host. Runs when runsc is installed ({@code -Darbiter.test.runsc=
   * PATH}, /usr/local/bin/runsc, or runsc on PATH); otherwise each test is reported as skipped.
   */
  @Nested
  class UnderGvisor {

    private SandboxFixture gvisor;

    @BeforeEach
    void runscIsInstalled() {
      Optional<Path> runsc = findRunsc();
      assumeTrue(runsc.isPresent(), "runsc not installed: looked at -Darbiter.test.runsc, "
          + "/usr/local/bin/runsc and PATH");
      // The launcher leaves the user namespace to runc: under runsc it is not applied.
      gvisor = new SandboxFixture(base -> new LocalSandboxConfig(base, runsc.get().toString(),
          List.of(), true));
    }

    @AfterEach
    void nothingIsLeftBehindByGvisor() throws IOException {
      if (gvisor != null) {
        assertEquals(List.of(), gvisor.leftovers());
      }
    }

    @Test
    void correctProgramAndCallTestsPass() throws Exception {
      RunReport report = gvisor.launcher().launch(gvisor.spec(
          Map.of("main.py", "def add(a, b):\n    return a + b\n"
              + "if __name__ == '__main__':\n    print(add(*map(int, input().split())))\n"),
          SandboxFixture.FAST_LIMITS, io("2 3\n"), call("add", "[-2, -3]")));

      assertEquals("5\n", out(report.tests().get(0)));
      assertEquals("-5", report.tests().get(1).callResultJson());
    }

    @Test
    void noNetworkAndNobodyWithAScrubbedEnvironment() throws Exception {
      TestExecution run = gvisor.runOne(
          "import os, socket\n"
              + "print(os.getuid(), sorted(os.environ))\n"
              + "try:\n"
              + "    socket.create_connection(('127.0.0.1', 19092), 1)\n"
              + "    print('connected')\n"
              + "except OSError:\n"
              + "    print('blocked')\n",
          "");

      assertEquals("65534 ['HOME', 'LANG', 'PATH', 'PYTHONDONTWRITEBYTECODE', 'PYTHONIOENCODING']\n"
          + "blocked\n", out(run), err(run));
    }

    @Test
    void busyLoopIsATimeLimitAndTheNextTestStillRuns() throws Exception {
      RunReport report = gvisor.run("import sys\nif input() == 'spin':\n    while True: pass\n"
          + "print('ok')\n", io("spin\n"), io("go\n"));

      assertEquals(Termination.TIME_LIMIT, report.tests().get(0).termination());
      assertEquals("ok\n", out(report.tests().get(1)));
    }

    private static Optional<Path> findRunsc() {
      List<Path> candidates = new java.util.ArrayList<>();
      String explicit = System.getProperty("arbiter.test.runsc");
      if (explicit != null && !explicit.isBlank()) {
        candidates.add(Path.of(explicit));
      }
      candidates.add(Path.of("/usr/local/bin/runsc"));
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, "runsc"));
        }
      }
      return candidates.stream().filter(Files::isExecutable).findFirst();
    }
  }
}
