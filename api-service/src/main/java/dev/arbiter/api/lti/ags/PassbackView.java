package dev.arbiter.api.lti.ags;

import java.time.Instant;

/**
 * One student's passback state on one LMS line item, for staff.
 *
 * @param userId the Arbiter user
 * @param name their name
 * @param lmsUserId their LTI {@code sub} (the AGS userId)
 * @param lineItem the LMS gradebook column
 * @param status SENT, PENDING or FAILED
 * @param scoreGiven the score the LMS last accepted; null before the first
 * @param scoreMaximum its maximum
 * @param attempts failed attempts since the last success
 * @param lastError why the last attempt failed (the LMS's answer), null after a success
 * @param sentAt when the LMS last accepted a score
 * @param updatedAt last change
 */
public record PassbackView(
    String userId,
    String name,
    String lmsUserId,
    String lineItem,
    PassbackStatus status,
    Double scoreGiven,
    Double scoreMaximum,
    int attempts,
    String lastError,
    Instant sentAt,
    Instant updatedAt) {}
