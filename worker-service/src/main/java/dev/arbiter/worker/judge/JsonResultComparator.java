package dev.arbiter.worker.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.arbiter.common.job.WireFormat;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Compares a call test's JSON-encoded return value with the expected JSON value: structurally,
 * with numbers compared by value (5 equals 5.0, as Python's {@code 5 == 5.0}). Pure.
 */
public final class JsonResultComparator {

  // Exactly one value: "5 5" or a value followed by junk is not a return value.
  private static final ObjectReader READER =
      WireFormat.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonResultComparator() {}

  /** False for anything that is not exactly one JSON value: the sandbox's text is untrusted. */
  public static boolean matches(JsonNode expected, String actualJson) {
    if (expected == null || actualJson == null) {
      return false;
    }
    JsonNode actual;
    try {
      actual = READER.readTree(actualJson);
    } catch (IOException e) {
      return false;
    }
    return actual != null && !actual.isMissingNode() && equal(expected, actual);
  }

  static boolean equal(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode other = b.get(e.getKey());
        if (other == null || !equal(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
