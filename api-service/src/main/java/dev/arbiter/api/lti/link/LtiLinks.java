package dev.arbiter.api.lti.link;

import dev.arbiter.api.course.Course;
import dev.arbiter.api.course.CourseMember;
import dev.arbiter.api.course.CourseMemberRepository;
import dev.arbiter.api.course.CourseRepository;
import dev.arbiter.api.course.CourseRole;
import dev.arbiter.api.lti.platform.Platform;
import dev.arbiter.api.user.User;
import dev.arbiter.api.user.UserRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds or creates the Arbiter side of LMS objects: users for (iss, sub), courses for contexts,
 * course memberships for roles, and resource links for exercises. Every method joins the caller's
 * transaction, so a launch that fails later leaves nothing behind.
 */
@ApplicationScoped
public class LtiLinks {

  static final int MAX_NAME_LENGTH = 200;

  private final EntityManager em;
  private final UserRepository users;
  private final CourseRepository courses;
  private final CourseMemberRepository members;

  LtiLinks(EntityManager em, UserRepository users, CourseRepository courses, CourseMemberRepository members) {
    this.em = em;
    this.users = users;
    this.courses = courses;
    this.members = members;
  }

  /** The context's link, if this LMS course was seen before. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<LtiContext> findContext(UUID platformId, String contextId) {
    return em.createQuery("from LtiContext where platformId = ?1 and contextId = ?2", LtiContext.class)
        .setParameter(1, platformId)
        .setParameter(2, contextId)
        .getResultStream()
        .findFirst();
  }

  /**
   * The Arbiter user of this LMS user, created on first sight. Accounts are never matched by
   * e-mail: the LMS controls that claim, and matching would let an LMS take over any Arbiter account.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public UUID user(Platform platform, String subject, String name, String email) {
    LtiUserLink link = em.find(LtiUserLink.class, new LtiUserLink.Key(platform.id, subject));
    String displayName = displayName(name, subject);
    if (link != null) {
      User u = users.findById(link.userId);
      if (name != null && !name.isBlank() && !displayName.equals(u.name)) {
        u.name = displayName;
      }
      return link.userId;
    }
    Instant now = Instant.now();
    User u = new User();
    u.id = UUID.randomUUID();
    u.name = displayName;
    // users.email is unique; an address already taken stays with its owner and this user has none.
    u.email = email != null && !email.isBlank() && users.findByEmail(email.strip()).isEmpty() ? email.strip() : null;
    u.admin = false;
    u.createdAt = now;
    users.persist(u);
    link = new LtiUserLink();
    link.platformId = platform.id;
    link.subject = subject;
    link.userId = u.id;
    link.createdAt = now;
    em.persist(link);
    Log.infof("LTI user %s created for %s (platform %s)", u.id, subject, platform.issuer);
    return u.id;
  }

  /** The context's link, creating a course named after it on first sight. */
  @Transactional(Transactional.TxType.MANDATORY)
  public LtiContext context(
      Platform platform, String deploymentId, String contextId, String title, String label, String membershipsUrl) {
    LtiContext ctx = findContext(platform.id, contextId).orElse(null);
    if (ctx == null) {
      Instant now = Instant.now();
      Course course = new Course();
      course.id = UUID.randomUUID();
      course.title = courseTitle(title, label, contextId);
      course.createdAt = now;
      courses.persist(course);
      ctx = new LtiContext();
      ctx.id = UUID.randomUUID();
      ctx.platformId = platform.id;
      ctx.contextId = contextId;
      ctx.deploymentId = deploymentId;
      ctx.courseId = course.id;
      ctx.createdAt = now;
      em.persist(ctx);
      Log.infof("LTI context %s of %s: course %s created", contextId, platform.issuer, course.id);
    }
    if (title != null && !title.isBlank()) {
      ctx.title = title;
    }
    if (membershipsUrl != null) {
      ctx.membershipsUrl = membershipsUrl;
    }
    return ctx;
  }

  /** Mirrors the LMS role of the user in the context's course, and records them as in the context. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void member(LtiContext ctx, UUID userId, CourseRole role) {
    Instant now = Instant.now();
    CourseMember m = members.findByIdOptional(new CourseMember.Key(ctx.courseId, userId)).orElse(null);
    if (m == null) {
      m = new CourseMember();
      m.id = new CourseMember.Key(ctx.courseId, userId);
      m.role = role;
      m.createdAt = now;
      m.updatedAt = now;
      members.persist(m);
    } else if (m.role != role) {
      Log.infof("course %s: user %s is %s (was %s) per the LMS", ctx.courseId, userId, role, m.role);
      m.role = role;
      m.updatedAt = now;
    }
    em.createNativeQuery(
            "INSERT INTO lti_context_members (context_pk, user_id, created_at) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT DO NOTHING")
        .setParameter(1, ctx.id)
        .setParameter(2, userId)
        .setParameter(3, now)
        .executeUpdate();
  }

  /** Records which exercise a resource link shows and which line item it feeds. */
  @Transactional(Transactional.TxType.MANDATORY)
  public LtiResourceLink resourceLink(
      Platform platform, LtiContext ctx, String resourceLinkId, UUID exerciseId, String lineItemUrl) {
    Instant now = Instant.now();
    LtiResourceLink link =
        em.createQuery("from LtiResourceLink where platformId = ?1 and resourceLinkId = ?2", LtiResourceLink.class)
            .setParameter(1, platform.id)
            .setParameter(2, resourceLinkId)
            .getResultStream()
            .findFirst()
            .orElse(null);
    boolean created = link == null;
    if (created) {
      link = new LtiResourceLink();
      link.id = UUID.randomUUID();
      link.platformId = platform.id;
      link.resourceLinkId = resourceLinkId;
      link.createdAt = now;
    }
    link.contextPk = ctx.id;
    link.exerciseId = exerciseId;
    if (lineItemUrl != null) {
      link.lineItemUrl = lineItemUrl;
    }
    link.updatedAt = now;
    if (created) {
      em.persist(link);
    }
    return link;
  }

  private static String displayName(String name, String subject) {
    String n = name == null || name.isBlank() ? "LMS user " + subject : name.strip();
    return n.length() > MAX_NAME_LENGTH ? n.substring(0, MAX_NAME_LENGTH) : n;
  }

  private static String courseTitle(String title, String label, String contextId) {
    String t = title != null && !title.isBlank() ? title : label != null && !label.isBlank() ? label : "LMS course " + contextId;
    t = t.strip();
    return t.length() > 200 ? t.substring(0, 200) : t;
  }
}
