package dev.arbiter.worker.bench;

import dev.arbiter.common.status.RunLimits;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.worker.launch.LocalSandboxConfig;
import dev.arbiter.worker.launch.OciRunLauncher;
import dev.arbiter.worker.launch.RunReport;
import dev.arbiter.worker.launch.RunSpec;
import dev.arbiter.worker.launch.SandboxLimits;
import dev.arbiter.worker.launch.Termination;
import dev.arbiter.worker.launch.TestExecution;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test: measures the hardened sandbox against bare {@code python3} in the same run.
 * Usage: {@code LauncherBenchmark [-n N] [--concurrency 1,4] [--suite 20] [--bundles DIR] [--json]};
 * see bench/launcher.
 */
public final class LauncherBenchmark {

  private static final String PROGRAM = "print(sum(map(int, input().split())))\n";
  private static final RunLimits LIMITS = RunLimits.DEFAULTS;

  public static void main(String[] args) throws Exception {
    int n = 100;
    int suiteSize = 20;
    List<Integer> concurrencies = List.of(1, 4);
    boolean json = false;
    Path bundles = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-n" -> n = Integer.parseInt(args[++i]);
        case "--suite" -> suiteSize = Integer.parseInt(args[++i]);
        case "--concurrency" -> concurrencies =
            java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
        case "--json" -> json = true;
        case "--bundles" -> bundles = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    // o+x: with a user namespace the sandbox's mapped root must traverse it to the bundle.
    // Production puts bundles under /run (a tmpfs on most hosts); --bundles /dev/shm does that here.
    Path base = Files.createTempDirectory(bundles == null ? Path.of(System.getProperty("java.io.tmpdir"))
        : bundles, "arbiter-bench",
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x")));
    // The production default (sandboxes started ahead of jobs) and every sandbox started on demand.
    OciRunLauncher launcher = new OciRunLauncher(new LocalSandboxConfig(base));
    OciRunLauncher coldLauncher = new OciRunLauncher(new LocalSandboxConfig(base).withWarmSandboxes(0));
    // Warm up both paths (page cache, JIT) so neither pays a first-run cost the other does not.
    measure(5, 2, () -> sandbox(launcher, 1));
    measure(5, 2, () -> sandbox(coldLauncher, 1));
    measure(5, 2, () -> bare(1));

    List<String> sandboxRows = new ArrayList<>();
    List<String> coldRows = new ArrayList<>();
    List<String> bareRows = new ArrayList<>();
    double sandboxP50c1 = 0;
    double bareP50c1 = 0;
    for (int c : concurrencies) {
      Stats s = measure(n, c, () -> sandbox(launcher, 1));
      Stats cold = measure(n, c, () -> sandbox(coldLauncher, 1));
      Stats b = measure(n, c, () -> bare(1));
      sandboxRows.add(s.json(c));
      coldRows.add(cold.json(c));
      bareRows.add(b.json(c));
      if (c == 1) {
        sandboxP50c1 = s.p50;
        bareP50c1 = b.p50;
      }
      if (!json) {
        System.out.printf(Locale.ROOT, "one test, concurrency %d: sandbox %.1f runs/s p50 %.1f ms p99 %.1f ms"
            + " (cold start: %.1f runs/s p50 %.1f ms); bare python3 %.1f runs/s p50 %.1f ms;"
            + " per-run ratio %.2fx (cold %.2fx)%n",
            c, s.perSecond, s.p50, s.p99, cold.perSecond, cold.p50, b.perSecond, b.p50,
            s.p50 / b.p50, cold.p50 / b.p50);
      }
    }
    int suiteRuns = Math.max(5, n / 10);
    final int size = suiteSize;
    Stats suiteSandbox = measure(suiteRuns, 1, () -> sandbox(launcher, size));
    Stats suiteBare = measure(suiteRuns, 1, () -> bare(size));
    double singleRatio = sandboxP50c1 / bareP50c1;
    double suiteRatio = suiteSandbox.p50 / suiteBare.p50;
    if (json) {
      System.out.printf(Locale.ROOT,
          "{\"sandbox\":[%s],\"cold\":[%s],\"bare\":[%s],\"single_ratio\":%.3f,\"suite\":{\"tests\":%d,"
              + "\"sandbox_p50_ms\":%.1f,\"bare_p50_ms\":%.1f,\"ratio\":%.3f}}%n",
          String.join(",", sandboxRows), String.join(",", coldRows), String.join(",", bareRows),
          singleRatio, suiteSize,
          suiteSandbox.p50, suiteBare.p50, suiteRatio);
    } else {
      System.out.printf(Locale.ROOT, "%d-test suite: sandbox p50 %.1f ms, bare python3 p50 %.1f ms,"
          + " ratio %.2fx (target <= 1.5x)%n", suiteSize, suiteSandbox.p50, suiteBare.p50, suiteRatio);
      System.out.printf(Locale.ROOT, "one test: ratio %.2fx (target <= 3x)%n", singleRatio);
    }
    launcher.close();
    coldLauncher.close();
  }

  interface Run {
    void run() throws Exception;
  }

  private static void sandbox(OciRunLauncher launcher, int tests) throws Exception {
    List<TestCase.SandboxInput> inputs = new ArrayList<>();
    for (int i = 0; i < tests; i++) {
      inputs.add(new TestCase.SandboxInput("t" + i, dev.arbiter.common.suite.TestKind.IO,
          i + " 5\n", null, null, null));
    }
    RunSpec spec = new RunSpec(UUID.randomUUID().toString().replace("-", ""), "bench", "bench",
        "python3", "main.py", Map.of("main.py", PROGRAM), inputs, inputs.size(),
        SandboxLimits.from(LIMITS));
    RunReport report = launcher.launch(spec);
    for (TestExecution t : report.tests()) {
      if (t.termination() != Termination.EXITED || t.exitCode() != 0) {
        throw new IllegalStateException("sandbox run failed: " + t.detail());
      }
    }
  }

  private static void bare(int tests) throws Exception {
    for (int i = 0; i < tests; i++) {
      Process p = new ProcessBuilder("/usr/bin/python3", "-c", PROGRAM).start();
      p.getOutputStream().write((i + " 5\n").getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("bare run failed");
      }
    }
  }

  private static Stats measure(int n, int concurrency, Run run) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(pool.submit(() -> {
        long t0 = System.nanoTime();
        run.run();
        latencies.add((System.nanoTime() - t0) / 1e6);
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    List<Double> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return new Stats(n / wall, pct(sorted, 50), pct(sorted, 99));
  }

  private static double pct(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.round(p / 100.0 * (sorted.size() - 1))));
  }

  private record Stats(double perSecond, double p50, double p99) {
    String json(int concurrency) {
      return String.format(Locale.ROOT,
          "{\"concurrency\":%d,\"per_s\":%.2f,\"p50_ms\":%.2f,\"p99_ms\":%.2f}",
          concurrency, perSecond, p50, p99);
    }
  }
}
