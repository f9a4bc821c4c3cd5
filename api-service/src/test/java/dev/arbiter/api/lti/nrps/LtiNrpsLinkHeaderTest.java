package dev.arbiter.api.lti.nrps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The RFC 8288 Link header parsing that NRPS pagination depends on. */
class LtiNrpsLinkHeaderTest {

  @Test
  void nextIsFoundAmongSeveralLinksInOneHeader() {
    assertEquals(
        Optional.of("https://lms/m?page=3"),
        NrpsClient.nextLink(
            List.of("<https://lms/m?page=1>; rel=\"first\", <https://lms/m?page=3>; rel=\"next\", "
                + "<https://lms/m?page=9>; rel=\"last\"")));
  }

  @Test
  void nextIsFoundInASeparateHeaderAndWithUnquotedOrMultiValuedRel() {
    assertEquals(
        Optional.of("https://lms/m?p=2"),
        NrpsClient.nextLink(List.of("<https://lms/m?p=0>; rel=prev", "<https://lms/m?p=2>; rel=next")));
    assertEquals(
        Optional.of("/m?p=4"), NrpsClient.nextLink(List.of("</m?p=4>; title=\"x\"; rel=\"last next\"")));
  }

  @Test
  void lastPageHasNoNext() {
    assertEquals(Optional.empty(), NrpsClient.nextLink(List.of("<https://lms/m?page=1>; rel=\"first\"")));
    assertEquals(Optional.empty(), NrpsClient.nextLink(List.of()));
  }
}
