package dev.arbiter.api.lti.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.api.lti.InjectLtiPlatform;
import dev.arbiter.api.lti.LtiFixtures;
import dev.arbiter.api.lti.LtiPlatformResource;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import dev.arbiter.api.lti.PlatformCallFailed;
import dev.arbiter.api.lti.TestLtiPlatform;
import dev.arbiter.api.lti.ags.Score;
import dev.arbiter.api.lti.ags.ScorePoster;
import dev.arbiter.api.lti.nrps.NrpsClient;
import dev.arbiter.api.lti.nrps.RosterMember;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tool's calls to the LMS services (token, AGS scores and results, NRPS) against the test platform. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(LtiPlatformResource.class)
class LtiPlatformServicesTest {

  @InjectLtiPlatform TestLtiPlatform platform;

  @Inject PlatformService platforms;
  @Inject ScorePoster scores;
  @Inject NrpsClient nrps;

  Platform registered;

  @BeforeEach
  void setUp() {
    registered = platforms.byId(UUID.fromString(LtiFixtures.register(platform)));
  }

  @Test
  void scoreArrivesAtTheLineItemPathPlusScoresWithTheQueryStringKept() {
    String user = "student-" + System.nanoTime();
    Instant at = Instant.parse("2026-03-01T12:00:00.123Z");

    scores.post(registered, platform.lineItemUrl(7), new Score(user, 1.5, 2.0, at, null));

    List<TestLtiPlatform.ReceivedScore> received = platform.scoresFor(user);
    assertEquals(1, received.size());
    TestLtiPlatform.ReceivedScore s = received.get(0);
    assertEquals("/mod/lti/services.php/2/lineitems/7/lineitem", s.lineItemPath());
    assertEquals("type_id=1", s.query());
    assertEquals(1.5, s.body().path("scoreGiven").asDouble());
    assertEquals(2.0, s.body().path("scoreMaximum").asDouble());
    assertEquals("Completed", s.body().path("activityProgress").asText());
    assertEquals("FullyGraded", s.body().path("gradingProgress").asText());
    assertEquals("2026-03-01T12:00:00.123Z", s.body().path("timestamp").asText());
  }

  @Test
  void accessTokenIsReusedUntilItExpires() {
    scores.post(registered, platform.lineItemUrl(8), new Score("u-a", 1, 1, Instant.now(), null));
    int tokensAfterFirst = platform.tokenRequests().size();

    scores.post(registered, platform.lineItemUrl(8), new Score("u-b", 1, 1, Instant.now(), null));

    assertEquals(tokensAfterFirst, platform.tokenRequests().size(), "second post reused the cached token");
    assertTrue(
        platform.tokenRequests().stream()
            .anyMatch(f -> "https://purl.imsglobal.org/spec/lti-ags/scope/score".equals(f.get("scope"))));
  }

  @Test
  void resultsShowWhatWasPosted() {
    String user = "reader-" + System.nanoTime();
    scores.post(registered, platform.lineItemUrl(9), new Score(user, 3, 4, Instant.now(), null));

    ScorePoster.LmsResult result = scores.result(registered, platform.lineItemUrl(9), user).orElseThrow();

    assertTrue(result.shows(3, 4));
    assertTrue(!result.shows(2, 4));
  }

  @Test
  void outageIsReportedAsATransientFailure() {
    platform.agsOutage(true);
    try {
      PlatformCallFailed failure =
          assertThrows(
              PlatformCallFailed.class,
              () -> scores.post(registered, platform.lineItemUrl(10), new Score("u-c", 1, 1, Instant.now(), null)));
      assertEquals(503, failure.status());
      assertTrue(failure.transientFailure());
    } finally {
      platform.agsOutage(false);
    }
  }

  @Test
  void rosterIsReadAcrossBothPages() {
    platform.roster(
        "ctx-nrps",
        List.of(
            new TestLtiPlatform.Member("m1", "Ann", "ann@example.org", List.of(TestLtiPlatform.LEARNER)),
            new TestLtiPlatform.Member("m2", "Bob", "bob@example.org", List.of(TestLtiPlatform.LEARNER)),
            new TestLtiPlatform.Member("m3", "Cy", "cy@example.org", List.of(TestLtiPlatform.INSTRUCTOR))));

    List<RosterMember> members = nrps.members(registered, platform.membershipsUrl("ctx-nrps"));

    assertEquals(List.of("m1", "m2", "m3"), members.stream().map(RosterMember::userId).toList());
    assertEquals("Cy", members.get(2).name());
    assertEquals(List.of(TestLtiPlatform.INSTRUCTOR), members.get(2).roles());
  }
}
