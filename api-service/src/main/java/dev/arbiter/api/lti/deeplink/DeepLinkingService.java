package dev.arbiter.api.lti.deeplink;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.course.CourseAccess;
import dev.arbiter.api.course.CourseRepository;
import dev.arbiter.api.course.CourseRole;
import dev.arbiter.api.lti.LtiConfig;
import dev.arbiter.api.lti.key.ToolKeyStore;
import dev.arbiter.api.lti.launch.LtiLaunch;
import dev.arbiter.api.lti.link.LinkedExercises;
import dev.arbiter.api.lti.link.LinkedExercises.ExerciseSummary;
import dev.arbiter.api.lti.platform.Platform;
import dev.arbiter.api.lti.platform.PlatformRepository;
import dev.arbiter.api.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deep Linking 2.0: shows the instructor the course's exercises, then answers the LMS with a
 * signed {@code LtiDeepLinkingResponse} that the browser auto-posts to {@code deep_link_return_url}.
 */
@ApplicationScoped
public class DeepLinkingService {

  /** How long an instructor may take to pick. */
  static final Duration PICK_TIME = Duration.ofHours(1);

  private final EntityManager em;
  private final LinkedExercises exercises;
  private final CourseRepository courses;
  private final CourseAccess access;
  private final PlatformRepository platforms;
  private final ToolKeyStore keys;
  private final LtiConfig config;
  private final Template picker;
  private final Template autoPost;

  DeepLinkingService(
      EntityManager em,
      LinkedExercises exercises,
      CourseRepository courses,
      CourseAccess access,
      PlatformRepository platforms,
      ToolKeyStore keys,
      LtiConfig config,
      @Location("lti/deepLinkPicker.html") Template picker,
      @Location("lti/autoPost.html") Template autoPost) {
    this.em = em;
    this.exercises = exercises;
    this.courses = courses;
    this.access = access;
    this.platforms = platforms;
    this.keys = keys;
    this.config = config;
    this.picker = picker;
    this.autoPost = autoPost;
  }

  private static Map<String, String> row(ExerciseSummary e) {
    return Map.of("id", e.id().toString(), "title", e.title(), "slug", e.slug());
  }

  /** Stores the request and renders the picker (the launch's transaction). */
  @Transactional(Transactional.TxType.MANDATORY)
  public Response picker(LtiLaunch launch, UUID userId, UUID courseId, String sessionCookie) {
    Instant now = Instant.now();
    DeepLinkRequest r = new DeepLinkRequest();
    r.id = UUID.randomUUID();
    r.platformId = launch.platform().id;
    r.deploymentId = launch.deploymentId();
    r.userId = userId;
    r.courseId = courseId;
    r.returnUrl = launch.deepLinking().returnUrl();
    r.data = launch.deepLinking().data();
    r.createdAt = now;
    r.expiresAt = now.plus(PICK_TIME);
    em.persist(r);
    String html =
        picker
            .data("courseTitle", courses.findById(courseId).title)
            .data("courseId", courseId.toString())
            .data("exercises", exercises.ofCourse(courseId).stream().map(DeepLinkingService::row).toList())
            .data("action", config.baseUrl() + "/lti/deep-linking/" + r.id)
            .render();
    Log.infof("LTI deep linking request %s for course %s by user %s", r.id, courseId, userId);
    return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Set-Cookie", sessionCookie)
        .header("Cache-Control", "no-store")
        .build();
  }

  /**
   * The instructor picked: answers the LMS. The request is spent, so a second post cannot add a
   * second link.
   */
  @Transactional
  public Response pick(Caller caller, UUID requestId, UUID exerciseId) {
    DeepLinkRequest r = em.find(DeepLinkRequest.class, requestId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    if (r == null || r.expiresAt.isBefore(Instant.now()) || !r.userId.equals(caller.userId())) {
      throw ProblemException.notFound("deep-linking request");
    }
    access.require(caller, r.courseId, CourseRole.INSTRUCTOR, "deep-linking request");
    ExerciseSummary exercise =
        exercises
            .find(exerciseId)
            .filter(e -> e.courseId().equals(r.courseId))
            .orElseThrow(() -> ProblemException.notFound("exercise"));
    Platform platform = platforms.findById(r.platformId);
    String jwt =
        DeepLinkingResponseBuilder.build(
            keys.signingKey(),
            platform.clientId,
            platform.issuer,
            r.deploymentId,
            r.data,
            List.of(
                new DeepLinkingResponseBuilder.ExerciseLink(
                    exercise.title(),
                    config.baseUrl() + "/lti/launch",
                    exercise.id().toString(),
                    exercise.maxScore(),
                    exercise.id().toString(),
                    "arbiter")),
            Instant.now());
    em.remove(r);
    Log.infof("LTI deep linking request %s answered with exercise %s", requestId, exerciseId);
    String html =
        autoPost
            .data("title", "Returning to your course")
            .data("action", r.returnUrl)
            .data("fields", List.of(Map.of("name", "JWT", "value", jwt)))
            .render();
    return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Cache-Control", "no-store")
        .build();
  }
}
