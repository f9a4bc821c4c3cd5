package dev.arbiter.api.lti.ags;

import dev.arbiter.api.lti.LtiConfig;
import dev.arbiter.api.lti.PlatformCallFailed;
import dev.arbiter.api.lti.link.LtiResourceLink;
import dev.arbiter.api.lti.platform.Platform;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The passback table's state changes, each its own short transaction: no transaction is held
 * while an LMS is being called.
 */
@ApplicationScoped
public class PassbackStore {

  /** What one relay run will post for one row. */
  public record Claim(
      UUID passbackId,
      long generation,
      Platform platform,
      String lineItemUrl,
      String subject,
      GradeLookup.Graded grade,
      Instant timestamp) {}

  /** A SENT row to compare with the LMS's results. */
  public record Sent(UUID passbackId, Platform platform, String lineItemUrl, String subject, double scoreGiven, double scoreMaximum) {}

  private static final int MAX_ERROR_CHARS = 500;

  private final EntityManager em;
  private final GradeLookup grades;
  private final LtiConfig config;

  PassbackStore(EntityManager em, GradeLookup grades, LtiConfig config) {
    this.em = em;
    this.grades = grades;
    this.config = config;
  }

  /**
   * Claims due rows for this relay for a lease long enough to cover the calls (token + post, each
   * with one retry), so another instance does not post the same score meanwhile.
   */
  @Transactional
  public List<Claim> claimDue(int limit) {
    Instant now = Instant.now();
    Duration lease = config.httpTimeout().multipliedBy(6);
    @SuppressWarnings("unchecked")
    List<Passback> due =
        em.createNativeQuery(
                """
                SELECT * FROM lti_passbacks
                 WHERE status = 'PENDING' AND next_attempt_at <= ?1
                   AND (claimed_until IS NULL OR claimed_until < ?1)
                 ORDER BY next_attempt_at
                 LIMIT ?2
                 FOR UPDATE SKIP LOCKED
                """,
                Passback.class)
            .setParameter(1, now)
            .setParameter(2, limit)
            .getResultList();
    List<Claim> claims = new ArrayList<>();
    for (Passback p : due) {
      LtiResourceLink link = em.find(LtiResourceLink.class, p.resourceLinkPk);
      Platform platform = link == null ? null : em.find(Platform.class, link.platformId);
      Optional<String> subject = platform == null ? Optional.empty() : subjectOf(platform.id, p.userId);
      Optional<GradeLookup.Graded> grade =
          link == null ? Optional.empty() : grades.current(p.userId, link.exerciseId, grades.policyOf(link.exerciseId));
      if (link == null || link.lineItemUrl == null || subject.isEmpty()) {
        fail(p, "no line item or no LTI identity for this student on the platform", now);
        continue;
      }
      if (grade.isEmpty() || alreadyHolds(p, grade.get())) {
        // Nothing graded, or the LMS already took exactly this score (a worse attempt under the
        // best policy): nothing to send.
        p.status = PassbackStatus.SENT;
        p.attempts = 0;
        p.lastError = null;
        p.updatedAt = now;
        continue;
      }
      // AGS 2.0 §3.4.5: the LMS may ignore a score not newer than the last one it took.
      Instant ts = now;
      if (p.lastTimestamp != null && !ts.isAfter(p.lastTimestamp)) {
        ts = p.lastTimestamp.plusMillis(1);
      }
      p.lastTimestamp = ts;
      p.claimedUntil = now.plus(lease);
      p.updatedAt = now;
      claims.add(new Claim(p.id, p.generation, platform, link.lineItemUrl, subject.get(), grade.get(), ts));
    }
    return claims;
  }

  private static boolean alreadyHolds(Passback p, GradeLookup.Graded grade) {
    return p.sentAt != null
        && grade.submissionId().equals(p.submissionId)
        && p.scoreGiven != null
        && p.scoreGiven == grade.score()
        && p.scoreMaximum != null
        && p.scoreMaximum == grade.maxScore();
  }

  /** The LMS took the score. A grade that arrived during the post keeps the row PENDING. */
  @Transactional
  public void sent(Claim c) {
    Passback p = em.find(Passback.class, c.passbackId());
    Instant now = Instant.now();
    p.scoreGiven = c.grade().score();
    p.scoreMaximum = c.grade().maxScore();
    p.submissionId = c.grade().submissionId();
    p.sentAt = now;
    p.claimedUntil = null;
    p.lastError = null;
    p.attempts = 0;
    p.updatedAt = now;
    p.status = p.generation == c.generation() ? PassbackStatus.SENT : PassbackStatus.PENDING;
  }

  /** The post failed: back off and retry, or give up after max-attempts or a non-retryable answer. */
  @Transactional
  public void failed(Claim c, PlatformCallFailed error) {
    Passback p = em.find(Passback.class, c.passbackId());
    Instant now = Instant.now();
    p.claimedUntil = null;
    p.attempts++;
    p.lastError = truncate(error.getMessage());
    p.updatedAt = now;
    if (!error.transientFailure() || p.attempts >= config.passback().maxAttempts()) {
      p.status = PassbackStatus.FAILED;
    } else {
      p.status = PassbackStatus.PENDING;
      p.nextAttemptAt = now.plus(backoff(p.attempts));
    }
  }

  Duration backoff(int attempts) {
    Duration d = config.passback().initialBackoff();
    for (int i = 1; i < attempts && d.compareTo(config.passback().maxBackoff()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(config.passback().maxBackoff()) > 0 ? config.passback().maxBackoff() : d;
  }

  /** SENT rows to check against the LMS, oldest check first. */
  @Transactional
  public List<Sent> sentRows(int limit) {
    @SuppressWarnings("unchecked")
    List<Passback> rows =
        em.createQuery(
                "from Passback where status = ?1 and scoreGiven is not null order by updatedAt", Passback.class)
            .setParameter(1, PassbackStatus.SENT)
            .setMaxResults(limit)
            .getResultList();
    List<Sent> out = new ArrayList<>();
    for (Passback p : rows) {
      LtiResourceLink link = em.find(LtiResourceLink.class, p.resourceLinkPk);
      if (link == null || link.lineItemUrl == null) {
        continue;
      }
      Platform platform = em.find(Platform.class, link.platformId);
      subjectOf(platform.id, p.userId)
          .ifPresent(s -> out.add(new Sent(p.id, platform, link.lineItemUrl, s, p.scoreGiven, p.scoreMaximum)));
    }
    return out;
  }

  /** Owes the score again (reconciliation found the LMS not showing it, or retrying a failure). */
  @Transactional
  public void requeue(UUID passbackId, String reason) {
    Passback p = em.find(Passback.class, passbackId);
    Instant now = Instant.now();
    p.status = PassbackStatus.PENDING;
    p.generation++;
    p.attempts = 0;
    p.nextAttemptAt = now;
    // Forget what was sent: the LMS does not show it, so the same score must go again.
    p.submissionId = null;
    p.lastError = reason == null ? p.lastError : truncate(reason);
    p.updatedAt = now;
  }

  /** FAILED rows get another round of attempts. */
  @Transactional
  public int requeueFailed() {
    Instant now = Instant.now();
    return em.createQuery(
            "update Passback set status = ?1, generation = generation + 1, attempts = 0, nextAttemptAt = ?2, "
                + "submissionId = null, updatedAt = ?2 where status = ?3")
        .setParameter(1, PassbackStatus.PENDING)
        .setParameter(2, now)
        .setParameter(3, PassbackStatus.FAILED)
        .executeUpdate();
  }

  private Optional<String> subjectOf(UUID platformId, UUID userId) {
    @SuppressWarnings("unchecked")
    List<String> subjects =
        em.createQuery(
                "select subject from LtiUserLink where platformId = ?1 and userId = ?2 order by createdAt desc")
            .setParameter(1, platformId)
            .setParameter(2, userId)
            .setMaxResults(1)
            .getResultList();
    return subjects.stream().findFirst();
  }

  private void fail(Passback p, String reason, Instant now) {
    p.status = PassbackStatus.FAILED;
    p.lastError = reason;
    p.updatedAt = now;
  }

  private static String truncate(String s) {
    return s == null || s.length() <= MAX_ERROR_CHARS ? s : s.substring(0, MAX_ERROR_CHARS) + "…";
  }
}
