package dev.arbiter.api.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.problem.ProblemType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileSetValidatorTest {

  private final FileSetValidator validator = new FileSetValidator(100, 3);

  private ProblemType rejected(Map<String, String> files) {
    return assertThrows(ProblemException.class, () -> validator.validate(files)).type();
  }

  @Test
  void acceptsNestedSafeNamesAndSortsThem() {
    var files = new LinkedHashMap<String, String>();
    files.put("pkg/util.py", "");
    files.put("main.py", "print('é')\n");

    assertEquals(List.of("main.py", "pkg/util.py"), List.copyOf(validator.validate(files).keySet()));
  }

  @Test
  void rejectsEscapingOrStrangeNames() {
    for (String name : List.of("../x", "a/../b", "/abs", "\\abs", "./x", "a//b", "a/", "",
        "x y", "x\u0000", "ü.py", "a:b", "~/.bashrc")) {
      assertEquals(ProblemType.INVALID_REQUEST, rejected(Map.of(name, "")), name);
    }
  }

  @Test
  void rejectsUnstorableContents() {
    assertEquals(ProblemType.INVALID_REQUEST, rejected(Map.of("a.py", "x\u0000")));
    assertEquals(ProblemType.INVALID_REQUEST, rejected(Map.of("a.py", "x\ud800")));
    assertEquals(ProblemType.INVALID_REQUEST, rejected(Map.of("a.py", "\udc00x")));
    var nullContent = new LinkedHashMap<String, String>();
    nullContent.put("a.py", null);
    assertEquals(ProblemType.INVALID_REQUEST, rejected(nullContent));
  }

  @Test
  void acceptsSurrogatePairs() {
    assertEquals(1, validator.validate(Map.of("a.py", "# \ud83d\ude00")).size());
  }

  @Test
  void rejectsAFileThatIsAlsoADirectory() {
    assertEquals(ProblemType.INVALID_REQUEST, rejected(Map.of("pkg", "", "pkg/a.py", "")));
  }

  @Test
  void sizeAndCountLimitsAre413() {
    assertEquals(ProblemType.TOO_LARGE, rejected(Map.of("a.py", "x".repeat(97))));
    assertEquals(ProblemType.TOO_LARGE, rejected(Map.of("a", "", "b", "", "c", "", "d", "")));
    assertEquals(ProblemType.INVALID_REQUEST, rejected(Map.of()));
    assertEquals(ProblemType.INVALID_REQUEST, rejected(null));
  }

  @Test
  void sizeCountsUtf8Bytes() {
    // 48 two-byte characters = 96 bytes + 4 for the name: exactly the limit.
    assertEquals(1, validator.validate(Map.of("a.py", "é".repeat(48))).size());
    assertEquals(ProblemType.TOO_LARGE, rejected(Map.of("a.py", "é".repeat(49))));
  }
}
