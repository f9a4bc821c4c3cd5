package dev.arbiter.worker.attack;

import static dev.arbiter.worker.attack.GradedRun.call;
import static dev.arbiter.worker.attack.GradedRun.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.common.status.RunLimits;
import dev.arbiter.common.status.TestStatus;
import dev.arbiter.worker.launch.SandboxLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each limit of a run, pushed past by a submission, and the contract status it must produce.
 * (Wall clock, memory, output, /tmp size and file size are in {@link AttackSuiteTest}.)
 */
class AttackLimitsTest extends AttackFixture {

  @Test
  void cpuTimeIsLimitedAcrossThreadsEvenUnderALongWallLimit() throws Exception {
    // Four threads hashing outside the GIL: CPU time adds up across threads. The wall limit is ten
    // times the CPU limit, so only RLIMIT_CPU can stop this in time.
    SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(20), Duration.ofSeconds(1),
        LIMITS.memoryBytes(), LIMITS.outputBytes(), LIMITS.diskBytes(), LIMITS.maxProcesses(), 64,
        LIMITS.diskBytes(), 1.0);
    String program = """
        import hashlib, threading
        def burn():
            data = b"x" * (1 << 22)
            def spin():
                while True:
                    hashlib.sha256(data).digest()
            threads = [threading.Thread(target=spin) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        """;
    GradedRun run = grade(suite(call("burn", "burn", "[]", "0")), program, limits);

    assertEquals(TestStatus.TIME_LIMIT, run.test(0).status());
    assertEquals("CPU-time limit reached", run.test(0).message());
  }

  @Test
  void theProcessCapIsAnExerciseOption() throws Exception {
    String program = """
        import os, time
        def children(n):
            for _ in range(n):
                if os.fork() == 0:
                    time.sleep(30)
                    os._exit(0)
            return n
        """;
    // The runner and the test's interpreter count: 4 leaves room for two children, not four.
    GradedRun tight = GradedRun.grade(launcher(), suite(call("four children", "children", "[4]", "4")),
        java.util.Map.of("main.py", program), SandboxLimits.from(new RunLimits(2, 128, 64, 16, 4)));
    GradedRun roomy = GradedRun.grade(launcher(), suite(call("four children", "children", "[4]", "4")),
        java.util.Map.of("main.py", program), SandboxLimits.from(new RunLimits(2, 128, 64, 16, 16)));

    assertEquals(TestStatus.RUNTIME_ERROR, tight.test(0).status(), tight.everythingVisible());
    assertEquals("BlockingIOError: [Errno 11] Resource temporarily unavailable",
        tight.test(0).message());
    assertEquals(TestStatus.PASSED, roomy.test(0).status(), roomy.everythingVisible());
  }

  @Test
  void openFilesAreCapped() throws Exception {
    String program = """
        import os
        def hoard():
            fds = []
            while True:
                fds.append(os.open("/dev/null", os.O_RDONLY))
        """;
    GradedRun run = grade(suite(call("open files", "hoard", "[]", "0")), program);

    assertEquals(TestStatus.RUNTIME_ERROR, run.test(0).status(), run.everythingVisible());
    assertEquals("OSError: [Errno 24] Too many open files: '/dev/null'", run.test(0).message());
  }

  @Test
  void aCrashLeavesNoCoreDump() throws Exception {
    String program = """
        import ctypes, os
        def crash_child():
            os.chdir("/tmp")
            pid = os.fork()
            if pid == 0:
                ctypes.string_at(0)
            _, status = os.waitpid(pid, 0)
            return [os.WTERMSIG(status), os.WCOREDUMP(status), os.listdir("/tmp")]
        """;
    GradedRun run = grade(suite(call("core dump", "crash_child", "[]", "[11, true, [\"core\"]]")),
        program);

    assertEquals(TestStatus.FAILED, run.test(0).status(), run.everythingVisible());
    assertEquals("[11, false, []]", run.test(0).actual());
  }

  @Test
  void floodingTmpWithEmptyFilesRunsOutOfInodesAndTheNextTestIsClean() throws Exception {
    String program = """
        import os
        def flood():
            i = 0
            while True:
                open("/tmp/f%d" % i, "w").close()
                i += 1
        def look():
            return os.listdir("/tmp")
        """;
    GradedRun run = grade(suite(call("inode flood", "flood", "[]", "0"), call("after", "look", "[]", "[]")),
        program);

    assertEquals(TestStatus.RUNTIME_ERROR, run.test(0).status(), run.everythingVisible());
    // 4096 inodes for 16 MiB of /tmp, one of them /tmp itself.
    assertEquals("OSError: [Errno 28] No space left on device: '/tmp/f4095'", run.test(0).message());
    assertEquals(TestStatus.PASSED, run.test(1).status(), run.everythingVisible());
  }

  @Test
  void aDirectoryTreeTooDeepToWalkIsStillEmptiedBetweenTests() throws Exception {
    String program = """
        import os
        def dig(n):
            os.chdir("/tmp")
            for _ in range(n):
                os.mkdir("d")
                os.chdir("d")
            os.chmod(".", 0)
            return n
        def look():
            return os.listdir("/tmp")
        """;
    GradedRun run = grade(suite(call("dig", "dig", "[3000]", "3000"), call("after", "look", "[]", "[]")),
        program);

    assertEquals(TestStatus.PASSED, run.test(0).status(), run.everythingVisible());
    assertEquals(TestStatus.PASSED, run.test(1).status(), run.everythingVisible());
    assertEquals(1, run.report().attempts(), "the runner survived its own cleanup");
  }

  @Test
  void memorySpreadOverManyProcessesIsAMemoryLimitEvenIfTheRunnerIsTheOneKilled() throws Exception {
    // Many middle-sized children may make the runner the largest process of the sandbox, so the
    // OOM killer may pick it; then the test's own process keeps allocating. Whoever dies, the test
    // is MEMORY_LIMIT and the next test still runs.
    String program = """
        import os, time
        def spread():
            for _ in range(12):
                if os.fork() == 0:
                    block = bytearray(8 << 20)
                    time.sleep(30)
                    os._exit(0)
            blocks = []
            while True:
                blocks.append(bytearray(1 << 20))
        def after():
            return "ok"
        """;
    GradedRun run = grade(suite(call("spread", "spread", "[]", "0"), call("after", "after", "[]", "\"ok\"")),
        program);

    assertEquals(TestStatus.MEMORY_LIMIT, run.test(0).status(), run.everythingVisible());
    assertEquals(TestStatus.PASSED, run.test(1).status(), run.everythingVisible());
  }

  private static final String PARENT = SANDBOX.config().cgroupParent();

  @Test
  void theSandboxCgroupEnforcesMemoryWithoutSwapProcessesAndCpuQuota() throws Exception {
    String marker = "limits-" + Canaries.secret().substring(7, 15);
    String program = """
        import os, time
        def wait(marker):
            open("/tmp/" + marker, "w").close()
            while not os.path.exists("/tmp/go"):
                time.sleep(0.01)
            return "done"
        """;
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<GradedRun> running = pool.submit(() -> grade(
          suite(call("wait", "wait", "[\"" + marker + "\"]", "\"done\"")), program,
          SandboxLimits.from(new RunLimits(30, 96, 64, 16, 24))));
      LiveSandbox box = LiveSandbox.await(marker, Duration.ofSeconds(60));

      Path memory = box.cgroup("memory", PARENT);
      String limit = box.read(memory.resolve("memory.limit_in_bytes"));
      Path memsw = memory.resolve("memory.memsw.limit_in_bytes");
      String swapLimit = Files.exists(memsw) ? box.read(memsw) : limit;
      String pids = box.read(box.cgroup("pids", PARENT).resolve("pids.max"));
      String quota = box.read(box.cgroup("cpu", PARENT).resolve("cpu.cfs_quota_us"));
      String period = box.read(box.cgroup("cpu", PARENT).resolve("cpu.cfs_period_us"));
      box.release("go");
      GradedRun run = running.get(60, TimeUnit.SECONDS);

      assertEquals(TestStatus.PASSED, run.test(0).status(), run.everythingVisible());
      assertEquals(Long.toString(96L << 20), limit);
      assertEquals(limit, swapLimit, "memory + swap equals memory: no swap");
      assertEquals("24", pids);
      assertEquals("100000", quota);
      assertEquals("100000", period);
    } finally {
      pool.shutdownNow();
    }
  }
}
