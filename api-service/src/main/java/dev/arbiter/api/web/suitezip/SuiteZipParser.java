package dev.arbiter.api.web.suitezip;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.common.suite.ComparatorSpec;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.common.suite.Visibility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Turns an instructor's suite zip into the contract's suite JSON ({@link TestSuite}).
 *
 * <p>Layout (documented in {@code docs/suite-zip.md}):
 *
 * <pre>
 * suite.json                 {"entrypoint": "main.py",
 *                             "defaults": {"comparator": "trim", "points": 1, "visibility": "visible"},
 *                             "order": ["small", "big"]}          (order optional)
 * tests/NAME/input           stdin of the io test NAME (optional: empty stdin)
 * tests/NAME/output          expected stdout
 * tests/NAME/meta.json       optional: {"points", "visibility", "comparator", "name"}, or a call
 *                            test: {"kind": "call", "module", "function", "args", "expected"}
 * </pre>
 *
 * The whole archive may also sit in one top-level folder (what "compress folder" produces).
 *
 * <p>The archive is untrusted input from a browser, so it is read strictly: the compressed size,
 * the number of entries and every entry's <em>actual</em> decompressed bytes are capped (a zip
 * bomb stops at the cap, whatever its headers claim); names are checked before use (no absolute
 * paths, no {@code ..}, no backslashes or NUL: zip-slip), symlink entries are refused, and
 * nothing is ever written to disk. Files must be UTF-8, because the suite JSON carries them as
 * strings.
 */
public final class SuiteZipParser {

  /** Limits of one archive. */
  public record Limits(long maxZipBytes, long maxTotalBytes, long maxFileBytes, int maxEntries) {
    /** 8 MiB zip, 16 MiB unpacked, 4 MiB per file, 2000 entries. */
    public static final Limits DEFAULTS = new Limits(8L << 20, 16L << 20, 4L << 20, 2000);
  }

  private static final Pattern TEST_DIR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
  private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9_. -]+");
  private static final int S_IFMT = 0170000;
  private static final int S_IFLNK = 0120000;
  private static final Set<String> TEST_FILES = Set.of("input", "output", "meta.json");

  private final Limits limits;
  private final ObjectMapper json;

  public SuiteZipParser(Limits limits) {
    this.limits = limits;
    this.json = new ObjectMapper();
    // A manifest with two "points" keys is ambiguous; say so instead of silently taking one.
    this.json.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /**
   * Parses the archive.
   *
   * @throws SuiteZipRejected with a message that names the offending entry
   */
  public TestSuite parse(byte[] zip) {
    if (zip.length > limits.maxZipBytes()) {
      throw SuiteZipRejected.tooLarge(
          "the zip is " + zip.length + " bytes; at most " + limits.maxZipBytes() + " are accepted");
    }
    Map<String, byte[]> files = unpack(zip);
    String root = commonRoot(files.keySet());
    Map<String, byte[]> rel = new TreeMap<>();
    files.forEach((k, v) -> rel.put(k.substring(root.length()), v));
    return build(rel);
  }

  private Map<String, byte[]> unpack(byte[] zip) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    long total = 0;
    try (ZipFile zf = ZipFile.builder()
        .setSeekableByteChannel(new SeekableInMemoryByteChannel(zip))
        .get()) {
      int count = 0;
      Set<String> seen = new HashSet<>();
      for (Iterator<ZipArchiveEntry> it = zf.getEntries().asIterator(); it.hasNext(); ) {
        ZipArchiveEntry entry = it.next();
        if (++count > limits.maxEntries()) {
          throw SuiteZipRejected.tooLarge("more than " + limits.maxEntries() + " entries");
        }
        String name = entry.getName();
        checkName(name);
        if (!seen.add(name)) {
          throw SuiteZipRejected.bad("'" + name + "' appears twice in the zip");
        }
        if (entry.isUnixSymlink() || (entry.getUnixMode() & S_IFMT) == S_IFLNK) {
          // A link could point a test's "output" at a file of the server; we never follow one.
          throw SuiteZipRejected.bad("'" + name + "' is a symbolic link; links are not accepted");
        }
        if (entry.isDirectory() || ignored(name)) {
          continue;
        }
        if (!zf.canReadEntryData(entry)) {
          throw SuiteZipRejected.bad("'" + name + "' uses an unsupported compression or encryption");
        }
        long budget = Math.min(limits.maxFileBytes(), limits.maxTotalBytes() - total);
        byte[] data;
        try (InputStream in = zf.getInputStream(entry)) {
          data = readCapped(in, budget, name);
        }
        total += data.length;
        files.put(name, data);
      }
    } catch (SuiteZipRejected e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw SuiteZipRejected.bad("the file is not a readable zip archive");
    }
    if (files.isEmpty()) {
      throw SuiteZipRejected.bad("the zip contains no files");
    }
    return files;
  }

  private byte[] readCapped(InputStream in, long budget, String name) throws IOException {
    // Read one byte past the budget: the declared size in the header is the attacker's to choose.
    byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, budget + 1));
    if (data.length > budget) {
      throw SuiteZipRejected.tooLarge("'" + name + "' unpacks to more than allowed (at most "
          + limits.maxFileBytes() + " bytes per file and " + limits.maxTotalBytes() + " in all)");
    }
    return data;
  }

  static void checkName(String name) {
    if (name.isEmpty() || name.length() > 512) {
      throw SuiteZipRejected.bad("an entry has an empty or over-long name");
    }
    if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0 || name.startsWith("/")
        || (name.length() > 1 && name.charAt(1) == ':')) {
      throw SuiteZipRejected.bad("'" + printable(name) + "' is not a relative path");
    }
    String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    for (String segment : trimmed.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw SuiteZipRejected.bad("'" + printable(name) + "' leaves its folder");
      }
      if (!SAFE_SEGMENT.matcher(segment).matches() && !ignoredSegment(segment)) {
        throw SuiteZipRejected.bad("'" + printable(name)
            + "' has characters other than letters, digits, space, '_', '.', '-'");
      }
    }
  }

  /** Files that desktop archivers add on their own. */
  private static boolean ignored(String name) {
    String last = name.substring(name.lastIndexOf('/', name.length() - 2) + 1);
    return name.startsWith("__MACOSX/") || name.contains("/__MACOSX/")
        || last.equals(".DS_Store") || last.startsWith("._");
  }

  private static boolean ignoredSegment(String segment) {
    return segment.equals("__MACOSX") || segment.startsWith("._");
  }

  /** "" or "folder/" when every file lies in one folder and there is no root manifest. */
  private static String commonRoot(Set<String> names) {
    if (names.contains("suite.json")) {
      return "";
    }
    String first = names.iterator().next();
    int slash = first.indexOf('/');
    if (slash < 0) {
      return "";
    }
    String prefix = first.substring(0, slash + 1);
    return names.stream().allMatch(n -> n.startsWith(prefix)) ? prefix : "";
  }

  private TestSuite build(Map<String, byte[]> files) {
    byte[] manifestBytes = files.get("suite.json");
    if (manifestBytes == null) {
      throw SuiteZipRejected.bad("suite.json is missing at the top of the zip");
    }
    JsonNode manifest = readJson("suite.json", manifestBytes);
    if (!manifest.isObject()) {
      throw SuiteZipRejected.bad("suite.json must be a JSON object");
    }
    String entrypoint = text(manifest, "entrypoint", "suite.json");
    if (entrypoint == null || entrypoint.isBlank()) {
      throw SuiteZipRejected.bad("suite.json: \"entrypoint\" is required, e.g. \"main.py\"");
    }
    JsonNode defaults = manifest.path("defaults");
    if (!defaults.isMissingNode() && !defaults.isObject()) {
      throw SuiteZipRejected.bad("suite.json: \"defaults\" must be an object");
    }

    Map<String, Map<String, byte[]>> tests = new TreeMap<>(NATURAL);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      String path = f.getKey();
      if (path.equals("suite.json")) {
        continue;
      }
      String[] parts = path.split("/");
      if (parts.length != 3 || !parts[0].equals("tests") || !TEST_FILES.contains(parts[2])) {
        throw SuiteZipRejected.bad("unexpected file '" + path
            + "': only suite.json and tests/NAME/{input,output,meta.json} belong in a suite zip");
      }
      if (!TEST_DIR.matcher(parts[1]).matches()) {
        throw SuiteZipRejected.bad("test folder '" + parts[1]
            + "' must start with a letter or digit and use only letters, digits, '_', '.', '-'");
      }
      tests.computeIfAbsent(parts[1], k -> new LinkedHashMap<>()).put(parts[2], f.getValue());
    }
    if (tests.isEmpty()) {
      throw SuiteZipRejected.bad("no tests: add at least tests/NAME/output");
    }

    List<String> order = order(manifest, tests.keySet());
    List<TestCase> cases = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String dir : order) {
      TestCase tc = testCase(dir, tests.get(dir), defaults);
      if (!names.add(tc.name())) {
        throw SuiteZipRejected.bad("two tests are named '" + tc.name() + "'");
      }
      cases.add(tc);
    }
    return new TestSuite(entrypoint.trim(), List.copyOf(cases));
  }

  private List<String> order(JsonNode manifest, Set<String> dirs) {
    JsonNode order = manifest.path("order");
    if (order.isMissingNode() || order.isNull()) {
      return new ArrayList<>(dirs);
    }
    if (!order.isArray()) {
      throw SuiteZipRejected.bad("suite.json: \"order\" must be a list of test folder names");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : order) {
      String name = n.asText();
      if (!n.isTextual() || !dirs.contains(name)) {
        throw SuiteZipRejected.bad("suite.json: \"order\" names '" + n.asText()
            + "', which is not a folder under tests/");
      }
      if (out.contains(name)) {
        throw SuiteZipRejected.bad("suite.json: \"order\" lists '" + name + "' twice");
      }
      out.add(name);
    }
    for (String d : dirs) {
      if (!out.contains(d)) {
        throw SuiteZipRejected.bad("suite.json: \"order\" does not list tests/" + d);
      }
    }
    return out;
  }

  private TestCase testCase(String dir, Map<String, byte[]> files, JsonNode defaults) {
    String where = "tests/" + dir + "/meta.json";
    ObjectNode meta = json.createObjectNode();
    if (defaults.isObject()) {
      meta.setAll((ObjectNode) defaults.deepCopy());
    }
    if (files.containsKey("meta.json")) {
      JsonNode own = readJson(where, files.get("meta.json"));
      if (!own.isObject()) {
        throw SuiteZipRejected.bad(where + " must be a JSON object");
      }
      meta.setAll((ObjectNode) own);
    }
    for (Iterator<String> it = meta.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!META_FIELDS.contains(field)) {
        throw SuiteZipRejected.bad(where + ": unknown field \"" + field + "\" (known: "
            + String.join(", ", META_FIELDS) + ")");
      }
    }
    String name = text(meta, "name", where);
    name = name == null || name.isBlank() ? dir : name.trim();
    double points = points(meta, where);
    Visibility visibility = visibility(meta, where);
    String kind = text(meta, "kind", where);
    if (kind == null || kind.equals("io")) {
      if (!files.containsKey("output")) {
        throw SuiteZipRejected.bad("tests/" + dir + "/output is missing");
      }
      String comparator = text(meta, "comparator", where);
      try {
        comparator = ComparatorSpec.parse(comparator).toString();
      } catch (IllegalArgumentException e) {
        throw SuiteZipRejected.bad(where + ": " + e.getMessage());
      }
      String stdin = files.containsKey("input") ? utf8("tests/" + dir + "/input", files.get("input")) : "";
      String expected = utf8("tests/" + dir + "/output", files.get("output"));
      return new TestCase(name, TestKind.IO, stdin, expected, comparator, null, null, null, null,
          points, visibility);
    }
    if (kind.equals("call")) {
      if (files.containsKey("input") || files.containsKey("output")) {
        throw SuiteZipRejected.bad("tests/" + dir
            + " is a call test: put args and expected in meta.json, not input/output files");
      }
      String module = text(meta, "module", where);
      String function = text(meta, "function", where);
      JsonNode args = meta.get("args");
      JsonNode expected = meta.get("expected");
      if (module == null || module.isBlank() || function == null || function.isBlank()) {
        throw SuiteZipRejected.bad(where + ": a call test needs \"module\" and \"function\"");
      }
      if (args == null || !args.isArray()) {
        throw SuiteZipRejected.bad(where + ": a call test needs \"args\" as a JSON array");
      }
      if (expected == null) {
        throw SuiteZipRejected.bad(where + ": a call test needs \"expected\"");
      }
      return new TestCase(name, TestKind.CALL, null, null, null, module, function, args, expected,
          points, visibility);
    }
    throw SuiteZipRejected.bad(where + ": \"kind\" must be \"io\" or \"call\"");
  }

  private static final List<String> META_FIELDS = List.of("name", "kind", "points", "visibility",
      "comparator", "module", "function", "args", "expected");

  private static double points(JsonNode meta, String where) {
    JsonNode p = meta.get("points");
    if (p == null || p.isNull()) {
      return 1;
    }
    if (!p.isNumber() || !Double.isFinite(p.asDouble()) || p.asDouble() < 0) {
      throw SuiteZipRejected.bad(where + ": \"points\" must be a number ≥ 0");
    }
    return p.asDouble();
  }

  private static Visibility visibility(JsonNode meta, String where) {
    String v = text(meta, "visibility", where);
    if (v == null) {
      return Visibility.VISIBLE;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "visible" -> Visibility.VISIBLE;
      case "hidden" -> Visibility.HIDDEN;
      default -> throw SuiteZipRejected.bad(where + ": \"visibility\" must be visible or hidden");
    };
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw SuiteZipRejected.bad(where + ": \"" + field + "\" must be a string");
    }
    return v.asText();
  }

  private JsonNode readJson(String where, byte[] bytes) {
    try {
      return json.readTree(utf8(where, bytes));
    } catch (IOException e) {
      throw SuiteZipRejected.bad(where + " is not valid JSON: " + firstLine(e.getMessage()));
    }
  }

  private static String utf8(String where, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw SuiteZipRejected.bad(where + " is not UTF-8 text");
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String printable(String name) {
    return name.replaceAll("[\\p{Cntrl}]", "?");
  }

  /** "test2" before "test10": instructors number their folders without zero padding. */
  static final Comparator<String> NATURAL = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int si = i;
        int sj = j;
        while (i < a.length() && Character.isDigit(a.charAt(i))) {
          i++;
        }
        while (j < b.length() && Character.isDigit(b.charAt(j))) {
          j++;
        }
        String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
        String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
        int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length())
            : na.compareTo(nb);
        if (c != 0) {
          return c;
        }
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  };
}
