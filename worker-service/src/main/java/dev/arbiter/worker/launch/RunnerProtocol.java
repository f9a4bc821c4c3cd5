package dev.arbiter.worker.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The worker's side of docs/sandbox-protocol.md: encodes hello/test/end frames (and the batch file
 * of the Kubernetes launcher), decodes ready/result frames strictly, and maps a result frame onto a
 * {@link TestExecution}. Shared by every launcher that runs {@code sandbox/runner.py}.
 */
public final class RunnerProtocol {

  /** Classpath location of the runner script. */
  public static final String RUNNER_RESOURCE = "sandbox/runner.py";

  /** Where launchers mount the submission's files inside the sandbox. */
  public static final String SOURCE_DIR = "/sandbox/src";

  /** Where launchers mount the runner inside the sandbox. */
  public static final String RUNNER_PATH = "/sandbox/runner.py";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long ONE_MIB = 1024L * 1024L;

  private RunnerProtocol() {}

  /**
   * The first frame of a run.
   *
   * @param nonce 32 hex digits, echoed in every frame of the runner (see {@link #newNonce()})
   * @param entrypoint file io tests run
   * @param workdir where the submission's files are, read-only
   * @param timeoutMs wall time of each test, enforced by the runner
   * @param cpuSeconds RLIMIT_CPU of each test
   * @param outputBytes cap on stdout and on stderr, each
   * @param fileSizeBytes RLIMIT_FSIZE
   * @param openFiles RLIMIT_NOFILE
   * @param python interpreter inside the sandbox
   */
  public record Hello(
      String nonce,
      String entrypoint,
      String workdir,
      long timeoutMs,
      long cpuSeconds,
      long outputBytes,
      long fileSizeBytes,
      int openFiles,
      String python) {

    /** The hello of a run, limits from {@code spec}. */
    public static Hello of(String nonce, RunSpec spec, String python) {
      SandboxLimits limits = spec.limits();
      return new Hello(
          nonce,
          spec.entrypoint(),
          SOURCE_DIR,
          limits.wallTimeout().toMillis(),
          Math.max(1, (limits.cpuTime().toMillis() + 999) / 1000),
          limits.outputBytes(),
          limits.maxFileSizeBytes(),
          limits.maxOpenFiles(),
          python);
    }
  }

  /** A decoded runner → worker frame. */
  public sealed interface Frame permits Ready, Result {}

  /** The runner read hello and is waiting for tests. */
  public record Ready() implements Frame {}

  /**
   * One test's result as the runner reported it.
   *
   * @param index test index
   * @param exit exit status, -1 when signalled
   * @param signal terminating signal, 0 when exited
   * @param timedOut the runner killed the test at its wall timeout
   * @param cpuExceeded RLIMIT_CPU ended the test
   * @param stdoutTruncated stdout passed the cap; the runner killed the test
   * @param stderrTruncated stderr passed the cap; the runner killed the test
   * @param memoryError the bootstrap caught MemoryError
   * @param stdout captured stdout, at most outputBytes
   * @param stderr captured stderr, at most outputBytes
   * @param wallMs wall time
   * @param call call tests: what came back on the result pipe; null for io or when nothing came
   * @param platformError the runner could not start the test (exec failed): our fault, not the
   *     student's; null normally
   * @param sandboxClean false when /tmp could not be emptied: the rest must run in a fresh sandbox
   */
  public record Result(
      int index,
      int exit,
      int signal,
      boolean timedOut,
      boolean cpuExceeded,
      boolean stdoutTruncated,
      boolean stderrTruncated,
      boolean memoryError,
      byte[] stdout,
      byte[] stderr,
      long wallMs,
      CallResult call,
      String platformError,
      boolean sandboxClean)
      implements Frame {}

  /**
   * What a call test's bootstrap sent back.
   *
   * @param ok the function returned and its value encoded as JSON
   * @param json the encoded value when ok
   * @param error exception or encoding error when not ok
   */
  public record CallResult(boolean ok, String json, String error) {}

  /** A fresh 32-hex-digit nonce. */
  public static String newNonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Longest frame line a worker accepts: {@code 4 * outputBytes + 1 MiB}. */
  public static long maxLineBytes(long outputBytes) {
    return 4 * outputBytes + ONE_MIB;
  }

  /** The runner script's bytes, from the classpath. */
  public static byte[] runnerScript() {
    try (InputStream in =
        RunnerProtocol.class.getClassLoader().getResourceAsStream(RUNNER_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RUNNER_RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The hello frame as one line, without newline. */
  public static String encodeHello(Hello hello) {
    return write(helloNode(hello).put("type", "hello"));
  }

  /** A test frame as one line, without newline. Carries inputs only. */
  public static String encodeTest(int index, TestCase.SandboxInput input) {
    return write(testNode(index, input));
  }

  /** The end frame as one line, without newline. */
  public static String encodeEnd() {
    return "{\"type\":\"end\"}";
  }

  /**
   * The file {@code runner.py --batch FILE} reads: {@code {"hello":{…},"tests":[…]}}. All inputs
   * at once (the batch mode's documented residual risk); still no expected values.
   */
  public static String encodeBatch(Hello hello, List<TestCase.SandboxInput> tests) {
    ObjectNode root = NODES.objectNode();
    root.set("hello", helloNode(hello));
    ArrayNode array = root.putArray("tests");
    for (int i = 0; i < tests.size(); i++) {
      array.add(testNode(i, tests.get(i)));
    }
    return write(root);
  }

  /**
   * Decodes one runner frame strictly.
   *
   * @param line one line from the runner's stdout
   * @param nonce the run's nonce; every frame must echo it
   * @param outputBytes the run's output cap; longer captured output is a violation
   * @throws ProtocolViolation for anything but a well-formed ready or result frame
   */
  public static Frame decode(String line, String nonce, long outputBytes) throws ProtocolViolation {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new ProtocolViolation("runner frame is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new ProtocolViolation("runner frame is not a JSON object");
    }
    if (!nonce.equals(text(node, "nonce"))) {
      throw new ProtocolViolation("runner frame with a wrong nonce");
    }
    String type = text(node, "type");
    if ("ready".equals(type)) {
      return new Ready();
    }
    if (!"result".equals(type)) {
      throw new ProtocolViolation("unexpected runner frame type");
    }
    byte[] stdout = base64(node, "stdout", outputBytes);
    byte[] stderr = base64(node, "stderr", outputBytes);
    JsonNode call = node.get("call");
    CallResult callResult = null;
    if (call != null && !call.isNull()) {
      if (!call.isObject() || !call.path("ok").isBoolean()) {
        throw new ProtocolViolation("malformed call result");
      }
      boolean ok = call.get("ok").booleanValue();
      callResult =
          ok
              ? new CallResult(true, requiredText(call, "json"), null)
              : new CallResult(false, null, requiredText(call, "error"));
    }
    JsonNode platformError = node.get("platformError");
    return new Result(
        requiredInt(node, "index"),
        requiredInt(node, "exit"),
        requiredInt(node, "signal"),
        requiredBoolean(node, "timedOut"),
        requiredBoolean(node, "cpuExceeded"),
        requiredBoolean(node, "stdoutTruncated"),
        requiredBoolean(node, "stderrTruncated"),
        requiredBoolean(node, "memoryError"),
        stdout,
        stderr,
        requiredLong(node, "wallMs"),
        callResult,
        platformError == null || platformError.isNull() ? null : platformError.asText(),
        !node.has("sandboxClean") || node.get("sandboxClean").asBoolean(true));
  }

  /**
   * Maps a runner's result onto what the judge sees.
   *
   * @param result the decoded frame
   * @param oomKilled the sandbox cgroup's OOM-kill counter rose during this test (read from
   *     outside: the runner cannot see it, and a student cannot fake it)
   */
  public static TestExecution toExecution(Result result, boolean oomKilled) {
    Termination termination;
    String detail;
    if (result.platformError() != null) {
      termination = Termination.PLATFORM_FAILED;
      detail = "runner could not start the test: " + result.platformError();
    } else if (result.stdoutTruncated() || result.stderrTruncated()) {
      termination = Termination.OUTPUT_LIMIT;
      detail = (result.stdoutTruncated() ? "stdout" : "stderr") + " passed the output limit";
    } else if (result.timedOut()) {
      termination = Termination.TIME_LIMIT;
      detail = "wall time limit reached";
    } else if (result.cpuExceeded()) {
      termination = Termination.TIME_LIMIT;
      detail = "CPU time limit reached";
    } else if (result.memoryError()) {
      termination = Termination.MEMORY_LIMIT;
      detail = "MemoryError";
    } else if (oomKilled && result.signal() == 9) {
      termination = Termination.MEMORY_LIMIT;
      detail = "killed by the memory limit";
    } else if (result.signal() != 0) {
      termination = Termination.SIGNALED;
      detail = "killed by signal " + result.signal();
    } else {
      termination = Termination.EXITED;
      detail = "exit code " + result.exit();
    }
    CallResult call = result.call();
    return new TestExecution(
        result.index(),
        termination,
        termination == Termination.EXITED ? result.exit() : -1,
        result.signal(),
        result.stdout(),
        result.stderr(),
        call != null && call.ok() ? call.json() : null,
        call != null && !call.ok() ? call.error() : null,
        result.wallMs(),
        detail);
  }

  /** A test the runner never answered: the runner died or broke protocol during it. */
  public static TestExecution runnerLost(int index, long wallMs, String why) {
    return new TestExecution(
        index, Termination.RUNNER_LOST, -1, 0, new byte[0], new byte[0], null, null, wallMs, why);
  }

  /** A test our side could not run (not the student's doing). */
  public static TestExecution platformFailed(int index, String why) {
    return new TestExecution(
        index, Termination.PLATFORM_FAILED, -1, 0, new byte[0], new byte[0], null, null, 0, why);
  }

  /** A test killed from outside at its deadline (timeout + grace): the runner did not answer. */
  public static TestExecution timedOutFromOutside(int index, long wallMs) {
    return new TestExecution(
        index,
        Termination.TIME_LIMIT,
        -1,
        9,
        new byte[0],
        new byte[0],
        null,
        null,
        wallMs,
        "wall time limit reached (sandbox killed from outside)");
  }

  private static ObjectNode helloNode(Hello hello) {
    ObjectNode node = NODES.objectNode();
    node.put("nonce", hello.nonce());
    node.put("entrypoint", hello.entrypoint());
    node.put("workdir", hello.workdir());
    node.put("timeoutMs", hello.timeoutMs());
    node.put("cpuSeconds", hello.cpuSeconds());
    node.put("outputBytes", hello.outputBytes());
    node.put("fileSizeBytes", hello.fileSizeBytes());
    node.put("openFiles", hello.openFiles());
    node.put("python", hello.python());
    return node;
  }

  private static ObjectNode testNode(int index, TestCase.SandboxInput input) {
    ObjectNode node = NODES.objectNode();
    node.put("type", "test");
    node.put("index", index);
    if (input.kind() == TestKind.CALL) {
      node.put("kind", "call");
      node.put("module", input.module());
      node.put("function", input.function());
      node.set("args", input.args() == null ? NODES.arrayNode() : input.args());
    } else {
      node.put("kind", "io");
      node.put("stdin", input.stdin() == null ? "" : input.stdin());
    }
    return node;
  }

  private static String write(JsonNode node) {
    try {
      // Jackson escapes control characters, so a frame never contains a raw newline.
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static String requiredText(JsonNode node, String field) throws ProtocolViolation {
    String value = text(node, field);
    if (value == null) {
      throw new ProtocolViolation("runner frame without " + field);
    }
    return value;
  }

  private static int requiredInt(JsonNode node, String field) throws ProtocolViolation {
    JsonNode value = node.get(field);
    if (value == null || !value.isInt()) {
      throw new ProtocolViolation("runner frame without integer " + field);
    }
    return value.intValue();
  }

  private static long requiredLong(JsonNode node, String field) throws ProtocolViolation {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
      throw new ProtocolViolation("runner frame without integer " + field);
    }
    return value.longValue();
  }

  private static boolean requiredBoolean(JsonNode node, String field) throws ProtocolViolation {
    JsonNode value = node.get(field);
    if (value == null || !value.isBoolean()) {
      throw new ProtocolViolation("runner frame without boolean " + field);
    }
    return value.booleanValue();
  }

  private static byte[] base64(JsonNode node, String field, long cap) throws ProtocolViolation {
    String text = requiredText(node, field);
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new ProtocolViolation("runner frame with invalid base64 in " + field);
    }
    if (bytes.length > cap) {
      throw new ProtocolViolation("runner frame with " + field + " over the output cap");
    }
    return bytes;
  }
}
