package dev.arbiter.worker.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerProtocolTest {

  private static final String NONCE = "0123456789abcdef0123456789abcdef";
  private final ObjectMapper json = new ObjectMapper();

  private static String result(String fields) {
    return "{\"type\":\"result\",\"nonce\":\"" + NONCE + "\",\"index\":0,\"exit\":0,\"signal\":0,"
        + "\"timedOut\":false,\"cpuExceeded\":false,\"stdoutTruncated\":false,"
        + "\"stderrTruncated\":false,\"memoryError\":false,\"stdout\":\"NQo=\",\"stderr\":\"\","
        + "\"wallMs\":12,\"call\":null" + fields + "}";
  }

  @Test
  void testFramesCarryInputsOnlyOnOneLine() throws Exception {
    var io = new TestCase.SandboxInput("t", TestKind.IO, "2 3\nline", null, null, null);
    String line = RunnerProtocol.encodeTest(4, io);
    assertFalse(line.contains("\n"));
    JsonNode node = json.readTree(line);
    assertEquals("test", node.get("type").asText());
    assertEquals(4, node.get("index").asInt());
    assertEquals("io", node.get("kind").asText());
    assertEquals("2 3\nline", node.get("stdin").asText());

    var args = JsonNodeFactory.instance.arrayNode().add(-2).add(-3);
    var call = new TestCase.SandboxInput("c", TestKind.CALL, null, "main", "add", args);
    JsonNode callNode = json.readTree(RunnerProtocol.encodeTest(1, call));
    assertEquals("call", callNode.get("kind").asText());
    assertEquals("add", callNode.get("function").asText());
    assertEquals(args, callNode.get("args"));
  }

  @Test
  void batchFileHoldsHelloAndEveryTestInOrder() throws Exception {
    var hello = new RunnerProtocol.Hello(NONCE, "main.py", "/sandbox/src", 5000, 5, 65536, 1 << 20, 64,
        "/usr/bin/python3");
    var io = new TestCase.SandboxInput("t", TestKind.IO, "1\n", null, null, null);
    JsonNode batch = json.readTree(RunnerProtocol.encodeBatch(hello, List.of(io, io)));
    assertEquals(NONCE, batch.get("hello").get("nonce").asText());
    assertEquals(5000, batch.get("hello").get("timeoutMs").asLong());
    assertEquals(1, batch.get("tests").get(1).get("index").asInt());
  }

  @Test
  void resultFrameDecodesAndExitZeroIsExited() throws Exception {
    var frame = RunnerProtocol.decode(result(""), NONCE, 100);
    var execution = RunnerProtocol.toExecution((RunnerProtocol.Result) frame, false);
    assertEquals(Termination.EXITED, execution.termination());
    assertEquals(0, execution.exitCode());
    assertArrayEquals("5\n".getBytes(StandardCharsets.UTF_8), execution.stdout());
    assertNull(execution.callResultJson());
  }

  @Test
  void frameWithAnotherNonceIsAViolation() {
    String forged = result("").replace(NONCE, "ffffffffffffffffffffffffffffffff");
    assertThrows(ProtocolViolation.class, () -> RunnerProtocol.decode(forged, NONCE, 100));
  }

  @Test
  void outputOverTheCapIsAViolation() {
    assertThrows(ProtocolViolation.class, () -> RunnerProtocol.decode(result(""), NONCE, 1));
  }

  @Test
  void malformedFramesAreViolations() {
    assertThrows(ProtocolViolation.class, () -> RunnerProtocol.decode("not json", NONCE, 100));
    assertThrows(ProtocolViolation.class, () -> RunnerProtocol.decode("[1]", NONCE, 100));
    assertThrows(ProtocolViolation.class,
        () -> RunnerProtocol.decode(result("").replace("\"exit\":0", "\"exit\":\"0\""), NONCE, 100));
  }

  @Test
  void sigkillWithOomCounterRiseIsMemoryLimitAndWithoutIsSignal() throws Exception {
    var killed = (RunnerProtocol.Result) RunnerProtocol.decode(
        result("").replace("\"exit\":0,\"signal\":0", "\"exit\":-1,\"signal\":9"), NONCE, 100);
    assertEquals(Termination.MEMORY_LIMIT, RunnerProtocol.toExecution(killed, true).termination());
    assertEquals(Termination.SIGNALED, RunnerProtocol.toExecution(killed, false).termination());
  }

  @Test
  void runnerFlagsMapToLimits() throws Exception {
    assertEquals(Termination.TIME_LIMIT, map(result("").replace("\"timedOut\":false", "\"timedOut\":true")));
    assertEquals(Termination.TIME_LIMIT, map(result("").replace("\"cpuExceeded\":false", "\"cpuExceeded\":true")));
    assertEquals(Termination.OUTPUT_LIMIT,
        map(result("").replace("\"stderrTruncated\":false", "\"stderrTruncated\":true")));
    assertEquals(Termination.MEMORY_LIMIT,
        map(result("").replace("\"memoryError\":false", "\"memoryError\":true")));
    assertEquals(Termination.PLATFORM_FAILED, map(result(",\"platformError\":\"exec failed\"")));
  }

  @Test
  void callResultsAreCarriedThrough() throws Exception {
    var ok = RunnerProtocol.toExecution((RunnerProtocol.Result) RunnerProtocol.decode(
        result("").replace("\"call\":null", "\"call\":{\"ok\":true,\"json\":\"-5\"}"), NONCE, 100), false);
    assertEquals("-5", ok.callResultJson());
    var failed = RunnerProtocol.toExecution((RunnerProtocol.Result) RunnerProtocol.decode(
        result("").replace("\"call\":null", "\"call\":{\"ok\":false,\"error\":\"TypeError: x\"}"), NONCE, 100),
        false);
    assertNull(failed.callResultJson());
    assertEquals("TypeError: x", failed.callError());
  }

  @Test
  void readyFrameDecodes() throws Exception {
    assertInstanceOf(RunnerProtocol.Ready.class,
        RunnerProtocol.decode("{\"type\":\"ready\",\"nonce\":\"" + NONCE + "\"}", NONCE, 100));
  }

  @Test
  void frameReaderSplitsLinesAndRefusesLongOnes() throws Exception {
    var reader = new FrameReader(new ByteArrayInputStream("a\nbb\nccc".getBytes()), 2);
    assertEquals("a", reader.readLine());
    assertEquals("bb", reader.readLine());
    assertThrows(ProtocolViolation.class, reader::readLine);
    var eof = new FrameReader(new ByteArrayInputStream("x\n".getBytes()), 10);
    assertEquals("x", eof.readLine());
    assertNull(eof.readLine());
  }

  @Test
  void nonceIs32HexDigits() {
    String nonce = RunnerProtocol.newNonce();
    assertTrue(nonce.matches("[0-9a-f]{32}"));
  }

  @Test
  void runnerScriptIsOnTheClasspath() {
    String script = new String(RunnerProtocol.runnerScript(), StandardCharsets.UTF_8);
    assertTrue(script.contains("PR_SET_DUMPABLE"));
  }

  private Termination map(String line) throws Exception {
    return RunnerProtocol.toExecution((RunnerProtocol.Result) RunnerProtocol.decode(line, NONCE, 100), false)
        .termination();
  }
}
