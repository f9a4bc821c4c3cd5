package dev.arbiter.worker.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Encodes the worker's frames to the in-sandbox runner and decodes its frames, as in
 * docs/sandbox-protocol.md. Shared by every launcher: the local OCI one reads frames from the
 * runner's stdout, the Kubernetes one from the pod log. Pure.
 */
public final class RunnerProtocol {

  /** Where the submission's files are, read-only, inside every sandbox. */
  public static final String SOURCE_DIR = "/sandbox/src";

  /** Where runner.py is, read-only, inside every sandbox. */
  public static final String RUNNER_PATH = "/sandbox/runner.py";

  private static final ObjectMapper MAPPER = WireFormat.mapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunnerProtocol() {}

  /**
   * The runner's first line in interactive mode, before any hello: the sandbox is up. It carries
   * no nonce because no code but the runner's has run when it is written.
   */
  public static final String UP = "{\"type\":\"up\"}";

  /** A fresh per-run nonce: result frames must carry it. */
  public static String newNonce() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * The longest line a reader accepts for a run with this output cap: base64 of stdout and of
   * stderr (4/3 of the cap each) and a call result of up to the cap whose quotes the frame escapes
   * once more (twice the cap), plus the envelope.
   */
  public static long maxLineBytes(long outputBytes) {
    return 5 * outputBytes + (1 << 20);
  }

  /**
   * The run's settings, sent first.
   *
   * @param python interpreter inside the sandbox (differs between the host mounts and an image)
   */
  public record Hello(String nonce, String entrypoint, long timeoutMs, long cpuSeconds,
      long outputBytes, long fileSizeBytes, int openFiles, String python) {

    public static Hello of(String nonce, RunSpec spec, String python) {
      SandboxLimits l = spec.limits();
      return new Hello(nonce, spec.entrypoint(), l.wallTimeout().toMillis(),
          Math.max(1, l.cpuTime().toSeconds()), l.outputBytes(), l.maxFileSizeBytes(),
          l.maxOpenFiles(), python);
    }

    ObjectNode json() {
      ObjectNode h = MAPPER.createObjectNode();
      h.put("type", "hello");
      h.put("nonce", nonce);
      h.put("entrypoint", entrypoint);
      h.put("workdir", SOURCE_DIR);
      h.put("python", python);
      h.put("timeoutMs", timeoutMs);
      h.put("cpuSeconds", cpuSeconds);
      h.put("outputBytes", outputBytes);
      h.put("fileSizeBytes", fileSizeBytes);
      h.put("openFiles", openFiles);
      return h;
    }
  }

  public static String encodeHello(Hello hello) {
    return line(hello.json());
  }

  public static String encodeTest(int index, TestCase.SandboxInput input) {
    return line(testNode(index, input));
  }

  public static String encodeEnd() {
    return "{\"type\":\"end\"}\n";
  }

  /** The document a Kubernetes sandbox reads with {@code runner.py --batch FILE}. */
  public static String encodeBatch(Hello hello, List<TestCase.SandboxInput> tests) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.set("hello", hello.json());
    ArrayNode array = doc.putArray("tests");
    for (int i = 0; i < tests.size(); i++) {
      array.add(testNode(i, tests.get(i)));
    }
    return line(doc);
  }

  private static ObjectNode testNode(int index, TestCase.SandboxInput input) {
    ObjectNode t = MAPPER.createObjectNode();
    t.put("type", "test");
    t.put("index", index);
    if (input.kind() == TestKind.CALL) {
      t.put("kind", "call");
      t.put("module", input.module());
      t.put("function", input.function());
      t.set("args", input.args() == null ? MAPPER.createArrayNode() : input.args());
    } else {
      t.put("kind", "io");
      t.put("stdin", input.stdin() == null ? "" : input.stdin());
    }
    return t;
  }

  private static String line(JsonNode frame) {
    try {
      return MAPPER.writeValueAsString(frame) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("frame not serialisable", e);
    }
  }

  /** A frame from the runner. */
  public sealed interface Frame permits Ready, Result {}

  /** The runner is up and has read hello. */
  public record Ready() implements Frame {}

  /**
   * One test's result frame; fields as in docs/sandbox-protocol.md.
   *
   * @param sandboxClean false when the runner could not reset the sandbox after this test: the
   *     remaining tests must run in a fresh one
   */
  public record Result(int index, int exitCode, int signal, boolean timedOut, boolean cpuExceeded,
      boolean outputExceeded, boolean memoryError, byte[] stdout, byte[] stderr, String callJson,
      String callError, long wallMs, boolean sandboxClean) implements Frame {

    private static final int SIGKILL = 9;

    /**
     * How the test ended, given whether the sandbox's OOM-kill counter rose during it (observed
     * from outside: the student cannot fake it).
     */
    public TestExecution toExecution(boolean oomKillObserved) {
      Termination t;
      String detail;
      if (timedOut || cpuExceeded) {
        t = Termination.TIME_LIMIT;
        detail = timedOut ? "wall-clock limit reached" : "CPU-time limit reached";
      } else if (outputExceeded) {
        t = Termination.OUTPUT_LIMIT;
        detail = "output limit reached";
      } else if (memoryError || (signal == SIGKILL && oomKillObserved)) {
        t = Termination.MEMORY_LIMIT;
        detail = "memory limit reached";
      } else if (signal != 0) {
        t = Termination.SIGNALED;
        detail = "killed by signal " + signal;
      } else {
        t = Termination.EXITED;
        detail = exitCode == 0 ? null : "exit code " + exitCode;
      }
      return new TestExecution(index, t, t == Termination.EXITED ? exitCode : -1, signal, stdout,
          stderr, callJson, callError, wallMs, detail);
    }
  }

  public static TestExecution toExecution(Result result, boolean oomKillObserved) {
    return result.toExecution(oomKillObserved);
  }

  /** The runner died or broke the protocol during this test: the student's doing. */
  public static TestExecution runnerLost(int index, long wallMs, String why) {
    return new TestExecution(index, Termination.RUNNER_LOST, -1, 0, new byte[0], new byte[0], null,
        null, wallMs, "sandbox runner lost: " + why);
  }

  /** The runner missed its own deadline; the test was stopped from outside the sandbox. */
  public static TestExecution timedOutFromOutside(int index, long wallMs) {
    return new TestExecution(index, Termination.TIME_LIMIT, -1, 9, new byte[0], new byte[0], null,
        null, wallMs, "wall-clock limit reached (killed from outside)");
  }

  /** The runner's memory use (the student's) got it killed by the OOM killer. */
  public static TestExecution memoryLimitFromOutside(int index, long wallMs) {
    return new TestExecution(index, Termination.MEMORY_LIMIT, -1, 9, new byte[0], new byte[0], null,
        null, wallMs, "memory limit reached");
  }

  /**
   * Decodes one frame from the runner.
   *
   * @throws ProtocolViolation when it is malformed, not ready/result, or has the wrong nonce
   */
  public static Frame decode(String line, String nonce, long outputBytes) throws ProtocolViolation {
    JsonNode f;
    try {
      f = MAPPER.readTree(line);
    } catch (IOException e) {
      throw new ProtocolViolation("runner frame is not JSON");
    }
    if (f == null || !f.isObject()) {
      throw new ProtocolViolation("runner frame is not an object");
    }
    if (!nonce.equals(f.path("nonce").asText())) {
      throw new ProtocolViolation("runner frame with a wrong nonce");
    }
    String type = f.path("type").asText();
    if (type.equals("ready")) {
      return new Ready();
    }
    if (!type.equals("result")) {
      throw new ProtocolViolation("unknown runner frame");
    }
    JsonNode call = f.path("call");
    String callJson = null;
    String callError = null;
    if (call.isObject()) {
      if (call.path("ok").asBoolean(false) && call.path("json").isTextual()) {
        callJson = call.path("json").asText();
      } else {
        callError = call.path("error").isTextual() ? call.path("error").asText() : "no result";
      }
    }
    return new Result(
        f.path("index").asInt(-1),
        f.path("exit").asInt(-1),
        f.path("signal").asInt(0),
        f.path("timedOut").asBoolean(false),
        f.path("cpuExceeded").asBoolean(false),
        f.path("stdoutTruncated").asBoolean(false) || f.path("stderrTruncated").asBoolean(false)
            || f.path("resultTruncated").asBoolean(false),
        f.path("memoryError").asBoolean(false),
        decode(f.path("stdout"), outputBytes),
        decode(f.path("stderr"), outputBytes),
        callJson,
        callError,
        f.path("wallMs").asLong(0),
        f.path("sandboxClean").asBoolean(true));
  }

  private static byte[] decode(JsonNode b64, long cap) throws ProtocolViolation {
    if (b64.isMissingNode() || b64.isNull()) {
      return new byte[0];
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(b64.asText());
      if (bytes.length > cap) {
        throw new ProtocolViolation("output larger than the cap");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw new ProtocolViolation("output is not base64");
    }
  }
}
