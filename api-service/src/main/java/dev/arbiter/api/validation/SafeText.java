package dev.arbiter.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Text that can be stored and sent as UTF-8. Jackson decodes {@code \ud800} escapes into lone
 * surrogates, which have no UTF-8 encoding (they would be silently replaced, changing what was
 * submitted); PostgreSQL text and jsonb cannot hold U+0000.
 */
public final class SafeText {

  private SafeText() {}

  /** Null when {@code s} is storable, else why not. */
  public static String problem(String s) {
    if (s == null) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\0') {
        return "contains U+0000 (NUL)";
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return "is not valid UTF-8 (lone surrogate)";
      }
      if (Character.isLowSurrogate(c)) {
        return "is not valid UTF-8 (lone surrogate)";
      }
    }
    return null;
  }

  /** The same check over every string and field name in a JSON value. */
  public static String problem(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return problem(node.textValue());
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = problem(e.getKey());
        if (p == null) {
          p = problem(e.getValue());
        }
        if (p != null) {
          return p;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        String p = problem(child);
        if (p != null) {
          return p;
        }
      }
    }
    return null;
  }
}
