package dev.arbiter.api.lti.nrps;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.course.CourseAccess;
import dev.arbiter.api.course.CourseMemberRepository;
import dev.arbiter.api.course.CourseRole;
import dev.arbiter.api.lti.PlatformCallFailed;
import dev.arbiter.api.lti.launch.LtiRoles;
import dev.arbiter.api.lti.link.LtiContext;
import dev.arbiter.api.lti.link.LtiLinks;
import dev.arbiter.api.lti.platform.Platform;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.problem.ProblemType;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Roster sync through NRPS: every active member of each LMS context linked to the course becomes
 * a course member with their mapped role, so staff see students who have not submitted yet. The LMS
 * is read outside any transaction; each context's members are then stored in one of their own.
 */
@ApplicationScoped
public class RosterSyncService {

  /**
   * What a sync did.
   *
   * @param contexts LMS contexts read
   * @param members active members with a course role, over all contexts
   * @param added members who were not in the course before
   */
  public record RosterSyncResult(int contexts, int members, int added) {}

  private final EntityManager em;
  private final CourseAccess access;
  private final CourseMemberRepository courseMembers;
  private final LtiLinks links;
  private final NrpsClient nrps;

  RosterSyncService(
      EntityManager em, CourseAccess access, CourseMemberRepository courseMembers, LtiLinks links, NrpsClient nrps) {
    this.em = em;
    this.access = access;
    this.courseMembers = courseMembers;
    this.links = links;
    this.nrps = nrps;
  }

  /** Syncs the course from all its LMS contexts (the course's instructor or an administrator). */
  public RosterSyncResult sync(Caller caller, UUID courseId) {
    List<Source> sources = QuarkusTransaction.requiringNew().call(() -> sources(caller, courseId));
    int members = 0;
    int added = 0;
    for (Source s : sources) {
      List<RosterMember> roster;
      try {
        roster = nrps.members(s.platform(), s.membershipsUrl());
      } catch (PlatformCallFailed e) {
        Log.warnf("roster sync of course %s: %s", courseId, e.getMessage());
        throw new ProblemException(ProblemType.UNAVAILABLE, "the LMS roster could not be read: " + e.getMessage());
      }
      List<RosterMember> read = roster;
      int[] counts = QuarkusTransaction.requiringNew().call(() -> store(s.contextPk(), read));
      members += counts[0];
      added += counts[1];
    }
    Log.infof("roster sync of course %s by %s: %d context(s), %d member(s), %d added",
        courseId, caller.userId(), sources.size(), members, added);
    return new RosterSyncResult(sources.size(), members, added);
  }

  private record Source(UUID contextPk, Platform platform, String membershipsUrl) {}

  private List<Source> sources(Caller caller, UUID courseId) {
    access.require(caller, courseId, CourseRole.INSTRUCTOR, "course");
    List<LtiContext> contexts =
        em.createQuery("from LtiContext where courseId = ?1 and membershipsUrl is not null", LtiContext.class)
            .setParameter(1, courseId)
            .getResultList();
    if (contexts.isEmpty()) {
      throw ProblemException.conflict("no LMS course with a roster service (NRPS) is linked to this course yet");
    }
    return contexts.stream()
        .map(c -> new Source(c.id, em.find(Platform.class, c.platformId), c.membershipsUrl))
        .toList();
  }

  private int[] store(UUID contextPk, List<RosterMember> roster) {
    LtiContext ctx = em.find(LtiContext.class, contextPk);
    Platform platform = em.find(Platform.class, ctx.platformId);
    int members = 0;
    int added = 0;
    for (RosterMember m : roster) {
      Optional<CourseRole> role = LtiRoles.courseRole(m.roles());
      if (!m.active() || role.isEmpty()) {
        continue;
      }
      UUID userId = links.user(platform, m.userId(), m.name(), m.email());
      boolean wasMember = courseMembers.roleOf(ctx.courseId, userId).isPresent();
      links.member(ctx, userId, role.get());
      members++;
      if (!wasMember) {
        added++;
      }
    }
    return new int[] {members, added};
  }
}
