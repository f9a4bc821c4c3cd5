package dev.arbiter.worker.launch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.status.RunLimits;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Runs programs through a real {@link OciRunLauncher} with test-local state directories. */
public final class SandboxFixture {

  public static final RunLimits FAST_LIMITS = new RunLimits(2, 128, 64, 16, 32);

  private final Path base;
  private final LocalSandboxConfig config;
  private final OciRunLauncher launcher;

  public SandboxFixture() {
    this(LocalSandboxConfig::new);
  }

  /** A fixture whose launcher uses the config made from its fresh base directory. */
  public SandboxFixture(java.util.function.Function<Path, LocalSandboxConfig> configFor) {
    try {
      // o+x: with a user namespace the sandbox's mapped root must traverse it to the bundle.
      base = Files.createTempDirectory("arbiter-sandbox-test",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    config = configFor.apply(base);
    launcher = new OciRunLauncher(config);
  }

  public OciRunLauncher launcher() {
    return launcher;
  }

  public LocalSandboxConfig config() {
    return config;
  }

  public RunSpec spec(Map<String, String> files, RunLimits limits, TestCase.SandboxInput... tests) {
    return new RunSpec(UUID.randomUUID().toString().replace("-", ""), "sub", "ex", "python3",
        "main.py", files, Arrays.asList(tests), tests.length, SandboxLimits.from(limits));
  }

  public RunReport run(String mainPy, TestCase.SandboxInput... tests) throws SandboxFailure {
    return launcher.launch(spec(Map.of("main.py", mainPy), FAST_LIMITS, tests));
  }

  public TestExecution runOne(String mainPy, String stdin) throws SandboxFailure {
    return run(mainPy, io(stdin)).tests().get(0);
  }

  public static TestCase.SandboxInput io(String stdin) {
    return new TestCase.SandboxInput("t", TestKind.IO, stdin, null, null, null);
  }

  public static TestCase.SandboxInput call(String function, String argsJson) {
    try {
      JsonNode args = WireFormat.mapper().readTree(argsJson);
      return new TestCase.SandboxInput("t", TestKind.CALL, null, "main", function, args);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static String out(TestExecution e) {
    return new String(e.stdout(), StandardCharsets.UTF_8);
  }

  public static String err(TestExecution e) {
    return new String(e.stderr(), StandardCharsets.UTF_8);
  }

  /**
   * Bundles and runtime state still present under this fixture's directories once its launcher
   * has settled (teardowns done, warm sandboxes let go).
   */
  public List<Path> leftovers() throws IOException {
    try {
      launcher.settle();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    List<Path> left = new java.util.ArrayList<>();
    for (Path dir : List.of(base.resolve("bundles"), base.resolve("state"))) {
      if (Files.isDirectory(dir)) {
        try (var s = Files.list(dir)) {
          s.forEach(left::add);
        }
      }
    }
    return left;
  }
}
