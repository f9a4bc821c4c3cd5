package dev.arbiter.worker.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import java.io.IOException;
import java.util.Base64;
import java.util.List;

/**
 * Encodes the worker's frames to the in-sandbox runner and decodes its result frames, as in
 * docs/sandbox-protocol.md. Shared by every launcher: the local OCI one reads frames from the
 * runner's stdout, the Kubernetes one from the pod log.
 */
public final class RunnerProtocol {

  private static final ObjectMapper MAPPER = WireFormat.mapper();

  private RunnerProtocol() {}

  /**
   * The longest line a reader accepts for a run with this output cap: base64 of stdout and of
   * stderr (4/3 of the cap each) and a call result of up to the cap whose quotes the frame escapes
   * once more (twice the cap), plus the envelope.
   */
  public static int maxLineBytes(SandboxLimits limits) {
    return (int) Math.min(Integer.MAX_VALUE - 8, 5 * limits.outputBytes() + (1 << 20));
  }

  public static ObjectNode hello(String nonce, String entrypoint, SandboxLimits limits) {
    ObjectNode h = MAPPER.createObjectNode();
    h.put("type", "hello");
    h.put("nonce", nonce);
    h.put("entrypoint", entrypoint);
    h.put("workdir", OciSpecBuilder.SOURCE_DIR);
    h.put("timeoutMs", limits.wallTimeout().toMillis());
    h.put("cpuSeconds", Math.max(1, limits.cpuTime().toSeconds()));
    h.put("outputBytes", limits.outputBytes());
    h.put("fileSizeBytes", limits.maxFileSizeBytes());
    h.put("openFiles", limits.maxOpenFiles());
    return h;
  }

  public static ObjectNode test(int index, TestCase.SandboxInput input) {
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

  /** The batch document a Kubernetes sandbox reads with {@code runner.py --batch FILE}. */
  public static ObjectNode batch(String nonce, RunSpec spec) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.set("hello", hello(nonce, spec.entrypoint(), spec.limits()));
    var tests = doc.putArray("tests");
    List<TestCase.SandboxInput> inputs = spec.tests();
    for (int i = 0; i < inputs.size(); i++) {
      tests.add(test(i, inputs.get(i)));
    }
    return doc;
  }

  public static String line(JsonNode frame) {
    try {
      return MAPPER.writeValueAsString(frame) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("frame not serialisable", e);
    }
  }

  /** True when {@code line} is the runner's ready frame for this nonce. */
  public static boolean isReady(String line, String nonce) {
    try {
      JsonNode f = MAPPER.readTree(line);
      return f != null && "ready".equals(f.path("type").asText()) && nonce.equals(f.path("nonce").asText());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Decodes one result frame.
   *
   * @throws ProtocolViolation when the frame is malformed, for another test, or has the wrong nonce
   */
  public static ResultFrame parseResult(String line, String nonce, int expectedIndex, long outputCap)
      throws ProtocolViolation {
    JsonNode f;
    try {
      f = MAPPER.readTree(line);
    } catch (IOException e) {
      throw new ProtocolViolation("result frame is not JSON");
    }
    if (f == null || !f.isObject() || !"result".equals(f.path("type").asText())) {
      throw new ProtocolViolation("not a result frame");
    }
    if (!nonce.equals(f.path("nonce").asText())) {
      throw new ProtocolViolation("result frame with a wrong nonce");
    }
    if (f.path("index").asInt(-1) != expectedIndex) {
      throw new ProtocolViolation("result frame for another test");
    }
    byte[] stdout = decode(f.path("stdout"), outputCap);
    byte[] stderr = decode(f.path("stderr"), outputCap);
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
    return new ResultFrame(
        expectedIndex,
        f.path("exit").asInt(-1),
        f.path("signal").asInt(0),
        f.path("timedOut").asBoolean(false),
        f.path("cpuExceeded").asBoolean(false),
        f.path("stdoutTruncated").asBoolean(false) || f.path("stderrTruncated").asBoolean(false)
            || f.path("resultTruncated").asBoolean(false),
        f.path("memoryError").asBoolean(false),
        stdout,
        stderr,
        callJson,
        callError,
        f.path("wallMs").asLong(0));
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

  /** One decoded result frame; fields as in docs/sandbox-protocol.md. */
  public record ResultFrame(
      int index,
      int exitCode,
      int signal,
      boolean timedOut,
      boolean cpuExceeded,
      boolean outputExceeded,
      boolean memoryError,
      byte[] stdout,
      byte[] stderr,
      String callJson,
      String callError,
      long wallMs) {

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
      return new TestExecution(
          index, t, t == Termination.EXITED ? exitCode : -1, signal, stdout, stderr, callJson,
          callError, wallMs, detail);
    }
  }

  /** The runner (or something pretending to be it) broke the protocol: the student's doing. */
  public static final class ProtocolViolation extends Exception {
    public ProtocolViolation(String message) {
      super(message);
    }
  }
}
