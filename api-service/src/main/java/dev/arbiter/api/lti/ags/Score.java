package dev.arbiter.api.lti.ags;

import java.time.Instant;

/**
 * One AGS score (AGS 2.0 §3.4, media type {@code application/vnd.ims.lis.v1.score+json}).
 *
 * @param userId the student's LTI {@code sub} at this platform
 * @param scoreGiven points earned
 * @param scoreMaximum points possible; the LMS rescales to its own maximum
 * @param timestamp must increase per user and line item, or the LMS may ignore the score
 * @param comment shown to the student by some LMSs; may be null
 */
public record Score(
    String userId, double scoreGiven, double scoreMaximum, Instant timestamp, String comment) {

  public static final String MEDIA_TYPE = "application/vnd.ims.lis.v1.score+json";
}
