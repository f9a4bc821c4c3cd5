package dev.arbiter.api.lti.ags;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LtiLineItemUrlsTest {

  @Test
  void scoresGoAfterThePathAndTheQueryStringIsKept() {
    assertEquals(
        "https://moodle.example.org/mod/lti/services.php/2/lineitems/7/lineitem/scores?type_id=1",
        LineItemUrls.scores("https://moodle.example.org/mod/lti/services.php/2/lineitems/7/lineitem?type_id=1")
            .toString());
  }

  @Test
  void lineItemWithoutQueryGetsPlainScoresSuffix() {
    assertEquals(
        "https://canvas.example.edu/api/lti/courses/3/line_items/12/scores",
        LineItemUrls.scores("https://canvas.example.edu/api/lti/courses/3/line_items/12").toString());
  }

  @Test
  void trailingSlashDoesNotDoubleTheSeparator() {
    assertEquals(
        "https://lms.example.org/li/5/scores",
        LineItemUrls.scores("https://lms.example.org/li/5/").toString());
  }

  @Test
  void encodedCharactersAndPortSurvive() {
    assertEquals(
        "http://127.0.0.1:8443/a%20b/lineitem/scores?x=%2F&y=1",
        LineItemUrls.scores("http://127.0.0.1:8443/a%20b/lineitem?x=%2F&y=1").toString());
  }

  @Test
  void resultsForOneUserAppendTheUserFilterToTheExistingQuery() {
    assertEquals(
        "https://moodle.example.org/li/7/lineitem/results?type_id=1&user_id=a+b%26c",
        LineItemUrls.results("https://moodle.example.org/li/7/lineitem?type_id=1", "a b&c").toString());
  }
}
