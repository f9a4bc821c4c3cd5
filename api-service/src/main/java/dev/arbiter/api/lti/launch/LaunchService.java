package dev.arbiter.api.lti.launch;

import dev.arbiter.api.course.CourseRole;
import dev.arbiter.api.lti.LtiClaims;
import dev.arbiter.api.lti.LtiConfig;
import dev.arbiter.api.lti.ags.PassbackQueue;
import dev.arbiter.api.lti.deeplink.DeepLinkingService;
import dev.arbiter.api.lti.link.LinkedExercises;
import dev.arbiter.api.lti.link.LinkedExercises.ExerciseSummary;
import dev.arbiter.api.lti.link.LtiContext;
import dev.arbiter.api.lti.link.LtiLinks;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.web.session.SessionCookie;
import dev.arbiter.api.web.session.WebSession;
import dev.arbiter.api.web.session.WebSessions;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a validated launch into Arbiter state and the browser's next step. Everything is one
 * transaction and every refusal is decided before anything is written, so a refused launch creates
 * no user, course or membership.
 */
@ApplicationScoped
public class LaunchService {

  private final LtiLinks links;
  private final LinkedExercises exercises;
  private final WebSessions sessions;
  private final SessionCookie cookies;
  private final PassbackQueue passbacks;
  private final DeepLinkingService deepLinking;
  private final LtiConfig config;

  LaunchService(
      LtiLinks links,
      LinkedExercises exercises,
      WebSessions sessions,
      SessionCookie cookies,
      PassbackQueue passbacks,
      DeepLinkingService deepLinking,
      LtiConfig config) {
    this.links = links;
    this.exercises = exercises;
    this.sessions = sessions;
    this.cookies = cookies;
    this.passbacks = passbacks;
    this.deepLinking = deepLinking;
    this.config = config;
  }

  @Transactional
  public Response complete(LtiLaunch launch) {
    if (launch.context() == null) {
      throw ProblemException.invalid("the launch has no context: add Arbiter inside a course");
    }
    CourseRole role =
        LtiRoles.courseRole(launch.roles())
            .orElseThrow(() -> ProblemException.forbidden("none of the launch's roles is a course role Arbiter knows"));
    return LtiClaims.DEEP_LINKING_REQUEST.equals(launch.messageType())
        ? deepLink(launch, role)
        : resourceLink(launch, role);
  }

  private Response resourceLink(LtiLaunch launch, CourseRole role) {
    ExerciseSummary exercise = exerciseOf(launch);
    UUID userId = links.user(launch.platform(), launch.subject(), launch.name(), launch.email());
    LtiContext ctx = context(launch);
    links.member(ctx, userId, role);
    String lineItem = launch.ags() == null ? null : launch.ags().lineItem();
    links.resourceLink(launch.platform(), ctx, launch.resourceLink().id(), exercise.id(), lineItem);
    // Grades stored before the student first came through this link are owed to it too.
    passbacks.linkSeen(userId, exercise.id());
    Log.infof("LTI launch: user %s (%s) into exercise %s as %s", userId, launch.subject(), exercise.id(), role);
    return Response.status(Response.Status.FOUND)
        .location(URI.create(config.baseUrl() + "/exercises/" + exercise.id()))
        .header("Set-Cookie", openSession(userId))
        .header("Cache-Control", "no-store")
        .build();
  }

  private Response deepLink(LtiLaunch launch, CourseRole role) {
    if (role != CourseRole.INSTRUCTOR) {
      throw ProblemException.forbidden("only instructors may add Arbiter exercises to the course");
    }
    if (!launch.deepLinking().acceptTypes().contains("ltiResourceLink")) {
      throw ProblemException.invalid("the LMS does not accept ltiResourceLink content items here");
    }
    UUID userId = links.user(launch.platform(), launch.subject(), launch.name(), launch.email());
    LtiContext ctx = context(launch);
    links.member(ctx, userId, role);
    return deepLinking.picker(launch, userId, ctx.courseId, openSession(userId));
  }

  /** The browser session of a launch, in the same store as signed-in ones; its Set-Cookie value. */
  private String openSession(UUID userId) {
    return cookies.launchHeader(sessions.open(userId, WebSession.OpenedBy.LTI));
  }

  private LtiContext context(LtiLaunch launch) {
    return links.context(
        launch.platform(),
        launch.deploymentId(),
        launch.context().id(),
        launch.context().title(),
        launch.context().label(),
        launch.nrps() == null ? null : launch.nrps().contextMembershipsUrl());
  }

  /**
   * The exercise named by {@code custom.exercise_id}; it must belong to the course this LMS context
   * feeds. Binding a context to another course by naming one of its exercises would let an LMS
   * instructor make themselves instructor of any course whose exercise id they have seen.
   */
  private ExerciseSummary exerciseOf(LtiLaunch launch) {
    String raw = launch.custom().get(LtiClaims.CUSTOM_EXERCISE_ID);
    if (raw == null || raw.isBlank()) {
      throw ProblemException.invalid(
          "the resource link has no custom parameter exercise_id; add the exercise through Deep Linking");
    }
    UUID id;
    try {
      id = UUID.fromString(raw.strip());
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("exercise");
    }
    ExerciseSummary exercise = exercises.find(id).orElseThrow(() -> ProblemException.notFound("exercise"));
    Optional<LtiContext> ctx = links.findContext(launch.platform().id, launch.context().id());
    if (ctx.isEmpty() || !ctx.get().courseId.equals(exercise.courseId())) {
      throw ProblemException.notFound("exercise in this LMS course");
    }
    return exercise;
  }
}
