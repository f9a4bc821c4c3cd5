package dev.arbiter.worker.launch.kubernetes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.arbiter.common.status.RunLimits;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.worker.launch.RunSpec;
import dev.arbiter.worker.launch.SandboxLimits;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs, configs and runner frames shared by the Kubernetes launcher's tests. */
final class SandboxFixtures {

  static final String IMAGE = "registry.example.org/arbiter/sandbox-python@sha256:" + "a".repeat(64);

  private SandboxFixtures() {}

  /** The launcher's config with its real defaults, plus {@code overrides}. */
  static KubernetesSandboxConfig config(String... overrides) {
    Map<String, String> values = new HashMap<>();
    values.put("arbiter.kubernetes.images.python3", IMAGE);
    values.put("arbiter.kubernetes.worker-id", "worker-a");
    for (int i = 0; i < overrides.length; i += 2) {
      values.put(overrides[i], overrides[i + 1]);
    }
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .addDefaultInterceptors()
            // Quarkus' own converter, so "120s" reads as in the application.
            .withConverter(Duration.class, 200, new DurationConverter())
            .withMapping(KubernetesSandboxConfig.class)
            .withSources(new PropertiesConfigSource(values, "test", 500))
            .build();
    return config.getConfigMapping(KubernetesSandboxConfig.class);
  }

  /**
   * The launcher's config as a worker pod gets it: from environment variables (e.g. those the
   * chart's worker Deployment sets), through SmallRye's environment-name mapping.
   */
  static KubernetesSandboxConfig configFromEnv(Map<String, String> env) {
    Map<String, String> values = new HashMap<>(env);
    values.putIfAbsent("ARBITER_KUBERNETES_WORKER_ID", "worker-pod-0");
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .addDefaultInterceptors()
            .withConverter(Duration.class, 200, new DurationConverter())
            .withMapping(KubernetesSandboxConfig.class)
            .withSources(new EnvConfigSource(values, 300))
            .build();
    return config.getConfigMapping(KubernetesSandboxConfig.class);
  }

  /** A run of {@code tests} visible io tests with the contract's default limits. */
  static RunSpec run(String runId, int tests) {
    return run(runId, tests, tests);
  }

  /** A run of {@code tests} io tests of which the first {@code visible} are visible. */
  static RunSpec run(String runId, int tests, int visible) {
    List<TestCase.SandboxInput> inputs = new ArrayList<>();
    for (int i = 0; i < tests; i++) {
      inputs.add(new TestCase.SandboxInput("t" + i, TestKind.IO, i + " " + i + "\n", null, null, null));
    }
    Map<String, String> files = new LinkedHashMap<>();
    files.put("main.py", "print(sum(map(int, input().split())))\n");
    files.put("lib/util.py", "def add(a, b):\n    return a + b\n");
    return new RunSpec(runId, "sub-1", "ex-1", "python3", "main.py", files, inputs,
        visible, SandboxLimits.from(RunLimits.DEFAULTS));
  }

  /** A run with one call test, to see its inputs in the batch file. */
  static RunSpec callRun(String runId) {
    var args = JsonNodeFactory.instance.arrayNode().add(-2).add(-3);
    return new RunSpec(runId, "sub-1", "ex-1", "python3", "main.py",
        Map.of("main.py", "def add(a, b):\n    return a + b\n"),
        List.of(new TestCase.SandboxInput("adds", TestKind.CALL, null, "main", "add", args)),
        1, SandboxLimits.from(RunLimits.DEFAULTS));
  }

  static String ready(String nonce) {
    return "{\"type\":\"ready\",\"nonce\":\"" + nonce + "\"}\n";
  }

  /** A result frame of a test that printed {@code stdout} and exited {@code exit}. */
  static String result(String nonce, int index, String stdout, int exit) {
    return "{\"type\":\"result\",\"nonce\":\"" + nonce + "\",\"index\":" + index
        + ",\"exit\":" + exit + ",\"signal\":0,\"timedOut\":false,\"cpuExceeded\":false,"
        + "\"stdoutTruncated\":false,\"stderrTruncated\":false,\"memoryError\":false,"
        + "\"stdout\":\"" + Base64.getEncoder().encodeToString(stdout.getBytes()) + "\","
        + "\"stderr\":\"\",\"wallMs\":12,\"call\":null,\"sandboxClean\":true}\n";
  }
}
