package dev.arbiter.api.web.suitezip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.common.suite.Visibility;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;

class SuiteZipParserTest {

  private final SuiteZipParser parser = new SuiteZipParser(SuiteZipParser.Limits.DEFAULTS);

  /** Builds a zip in memory; a value of null adds a directory entry. */
  static byte[] zip(Map<String, String> files) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        out.putArchiveEntry(new ZipArchiveEntry(f.getKey()));
        if (f.getValue() != null) {
          out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        }
        out.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  static Map<String, String> files(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private SuiteZipRejected rejected(Map<String, String> files) throws Exception {
    byte[] zip = zip(files);
    return assertThrows(SuiteZipRejected.class, () -> parser.parse(zip));
  }

  @Test
  void documentedLayoutBecomesTheContractsSuiteInNaturalOrder() throws Exception {
    TestSuite suite = parser.parse(zip(files(
        "suite.json", "{\"entrypoint\":\"main.py\",\"defaults\":{\"comparator\":\"trim\",\"points\":2}}",
        "tests/", null,
        "tests/t10/input", "10 10\n",
        "tests/t10/output", "20\n",
        "tests/t2/input", "1 1\n",
        "tests/t2/output", "2\n",
        "tests/t2/meta.json", "{\"name\":\"adds ones\",\"visibility\":\"hidden\",\"points\":1}")));
    assertEquals("main.py", suite.entrypoint());
    assertEquals(List.of(
        new TestCase("adds ones", TestKind.IO, "1 1\n", "2\n", "trim", null, null, null, null, 1,
            Visibility.HIDDEN),
        new TestCase("t10", TestKind.IO, "10 10\n", "20\n", "trim", null, null, null, null, 2,
            Visibility.VISIBLE)),
        suite.tests());
  }

  @Test
  void manifestOrderWinsAndMissingInputMeansEmptyStdin() throws Exception {
    TestSuite suite = parser.parse(zip(files(
        "suite.json", "{\"entrypoint\":\"main.py\",\"order\":[\"b\",\"a\"]}",
        "tests/a/output", "A\n",
        "tests/b/output", "B\n")));
    assertEquals(List.of("b", "a"), suite.tests().stream().map(TestCase::name).toList());
    assertEquals("", suite.tests().get(0).stdin());
    assertEquals("exact", suite.tests().get(0).comparator());
    assertEquals(1.0, suite.tests().get(0).points());
  }

  @Test
  void callTestsComeFromMetaJson() throws Exception {
    TestSuite suite = parser.parse(zip(files(
        "suite.json", "{\"entrypoint\":\"main.py\"}",
        "tests/neg/meta.json", "{\"kind\":\"call\",\"module\":\"main\",\"function\":\"add\","
            + "\"args\":[-2,-3],\"expected\":-5}")));
    TestCase t = suite.tests().get(0);
    assertEquals(TestKind.CALL, t.kind());
    assertEquals("[-2,-3]", t.args().toString());
    assertEquals(-5, t.expected().asInt());
    assertNull(t.stdin());
  }

  @Test
  void aSingleTopLevelFolderIsUnwrapped() throws Exception {
    TestSuite suite = parser.parse(zip(files(
        "mysuite/", null,
        "mysuite/suite.json", "{\"entrypoint\":\"main.py\"}",
        "mysuite/tests/one/output", "1\n",
        "__MACOSX/mysuite/._suite.json", "junk")));
    assertEquals(1, suite.tests().size());
  }

  @Test
  void pathTraversalIsRejected() throws Exception {
    SuiteZipRejected e = rejected(files(
        "suite.json", "{\"entrypoint\":\"main.py\"}",
        "tests/../../etc/passwd", "x"));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("leaves its folder"), e.getMessage());
  }

  @Test
  void absoluteAndBackslashPathsAreRejected() throws Exception {
    assertTrue(rejected(files("/etc/suite.json", "{}")).getMessage().contains("not a relative"));
    // Windows archivers write backslashes; they must not become a way out of the folder either.
    String m = rejected(files("suite.json", "{}", "..\\..\\evil", "x")).getMessage();
    assertTrue(m.contains("not a relative") || m.contains("leaves its folder"), m);
  }

  @Test
  void symlinksAreRejected() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
      out.putArchiveEntry(new ZipArchiveEntry("suite.json"));
      out.write("{\"entrypoint\":\"main.py\"}".getBytes(StandardCharsets.UTF_8));
      out.closeArchiveEntry();
      ZipArchiveEntry link = new ZipArchiveEntry("tests/a/output");
      link.setUnixMode(0120777);
      out.putArchiveEntry(link);
      out.write("/etc/shadow".getBytes(StandardCharsets.UTF_8));
      out.closeArchiveEntry();
    }
    SuiteZipRejected e = assertThrows(SuiteZipRejected.class,
        () -> parser.parse(bytes.toByteArray()));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
  }

  @Test
  void aZipBombStopsAtTheUnpackedSizeCap() throws Exception {
    SuiteZipParser small = new SuiteZipParser(new SuiteZipParser.Limits(1 << 20, 1 << 20, 1 << 16, 100));
    byte[] zip = zip(files(
        "suite.json", "{\"entrypoint\":\"main.py\"}",
        "tests/a/output", "0".repeat(1 << 20)));
    assertTrue(zip.length < 8192, "the bomb compresses well");
    SuiteZipRejected e = assertThrows(SuiteZipRejected.class, () -> small.parse(zip));
    assertEquals(413, e.status());
  }

  @Test
  void tooManyEntriesAndTooLargeZipsAre413() throws Exception {
    SuiteZipParser tiny = new SuiteZipParser(new SuiteZipParser.Limits(200, 1 << 20, 1 << 16, 2));
    Map<String, String> three = files("suite.json", "{}", "tests/a/output", "", "tests/b/output", "");
    byte[] zip = zip(three);
    assertEquals(413, assertThrows(SuiteZipRejected.class, () -> tiny.parse(zip)).status());
    SuiteZipParser two = new SuiteZipParser(new SuiteZipParser.Limits(1 << 20, 1 << 20, 1 << 16, 2));
    assertEquals(413, assertThrows(SuiteZipRejected.class, () -> two.parse(zip)).status());
  }

  @Test
  void missingPiecesAreNamedInTheMessage() throws Exception {
    assertTrue(rejected(files("tests/a/output", "1")).getMessage().contains("suite.json is missing"));
    assertTrue(rejected(files("suite.json", "{}", "tests/a/output", "1")).getMessage()
        .contains("entrypoint"));
    assertTrue(rejected(files("suite.json", "{\"entrypoint\":\"m.py\"}", "tests/a/input", "1"))
        .getMessage().contains("tests/a/output is missing"));
    assertTrue(rejected(files("suite.json", "{\"entrypoint\":\"m.py\"}")).getMessage()
        .contains("no tests"));
    assertTrue(rejected(files("suite.json", "{\"entrypoint\":\"m.py\"}", "notes.txt", "hi"))
        .getMessage().contains("unexpected file 'notes.txt'"));
  }

  @Test
  void badMetaValuesAreRejected() throws Exception {
    String manifest = "{\"entrypoint\":\"main.py\"}";
    assertTrue(rejected(files("suite.json", manifest, "tests/a/output", "1",
        "tests/a/meta.json", "{\"comparator\":\"fuzzy\"}")).getMessage().contains("fuzzy"));
    assertTrue(rejected(files("suite.json", manifest, "tests/a/output", "1",
        "tests/a/meta.json", "{\"points\":-1}")).getMessage().contains("points"));
    assertTrue(rejected(files("suite.json", manifest, "tests/a/output", "1",
        "tests/a/meta.json", "{\"visibility\":\"secret\"}")).getMessage().contains("visibility"));
    assertTrue(rejected(files("suite.json", manifest, "tests/a/output", "1",
        "tests/a/meta.json", "{\"pionts\":1}")).getMessage().contains("unknown field"));
    assertTrue(rejected(files("suite.json", manifest, "tests/a/output", "1",
        "tests/a/meta.json", "{\"points\":1,\"points\":2}")).getMessage().contains("not valid JSON"));
    assertTrue(rejected(files("suite.json", manifest, "tests/a/output", "1",
        "tests/b/output", "1", "tests/b/meta.json", "{\"name\":\"a\"}")).getMessage()
        .contains("two tests are named 'a'"));
  }

  @Test
  void nonUtf8FilesAreRejected() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
      out.putArchiveEntry(new ZipArchiveEntry("suite.json"));
      out.write("{\"entrypoint\":\"main.py\"}".getBytes(StandardCharsets.UTF_8));
      out.closeArchiveEntry();
      out.putArchiveEntry(new ZipArchiveEntry("tests/a/output"));
      out.write(new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
      out.closeArchiveEntry();
    }
    SuiteZipRejected e = assertThrows(SuiteZipRejected.class,
        () -> parser.parse(bytes.toByteArray()));
    assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
  }

  @Test
  void garbageIsNotAZip() {
    SuiteZipRejected e = assertThrows(SuiteZipRejected.class,
        () -> parser.parse("hello".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("not a readable zip"));
  }

  @Test
  void naturalOrderPutsTwoBeforeTen() {
    List<String> names = new java.util.ArrayList<>(List.of("t10", "t2", "t1", "a", "t02b"));
    names.sort(SuiteZipParser.NATURAL);
    assertEquals(List.of("a", "t1", "t2", "t02b", "t10"), names);
  }
}
