package dev.arbiter.api.course;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.user.User;
import dev.arbiter.api.user.UserRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
public class CourseService {

  static final int MAX_TITLE_LENGTH = 200;

  private final CourseRepository courses;
  private final CourseMemberRepository members;
  private final UserRepository users;
  private final CourseAccess access;

  CourseService(CourseRepository courses, CourseMemberRepository members, UserRepository users,
      CourseAccess access) {
    this.courses = courses;
    this.members = members;
    this.users = users;
    this.access = access;
  }

  @Transactional
  public CourseView create(Caller caller, CreateCourse request) {
    if (!caller.admin()) {
      throw ProblemException.forbidden("only administrators may create courses");
    }
    if (request == null) {
      throw ProblemException.invalid("request body is required");
    }
    String title = request.title() == null ? "" : request.title().strip();
    if (title.isEmpty() || title.length() > MAX_TITLE_LENGTH) {
      throw ProblemException.invalid("title is required (1 to " + MAX_TITLE_LENGTH + " characters)");
    }
    Course c = new Course();
    c.id = UUID.randomUUID();
    c.title = title;
    c.createdAt = Instant.now();
    courses.persist(c);
    Log.infof("course %s created by %s", c.id, caller.userId());
    return CourseView.from(c, CourseRole.INSTRUCTOR);
  }

  @Transactional
  public CourseView get(Caller caller, UUID courseId) {
    CourseRole role = access.require(caller, courseId, CourseRole.STUDENT, "course");
    Course c = courses.findByIdOptional(courseId)
        .orElseThrow(() -> ProblemException.notFound("course"));
    return CourseView.from(c, role);
  }

  /** The caller's courses; administrators see all. */
  @Transactional
  public List<CourseView> list(Caller caller) {
    if (caller.admin()) {
      return courses.listNewestFirst().stream().map(c -> CourseView.from(c, CourseRole.INSTRUCTOR)).toList();
    }
    return courses.listFor(caller.userId()).stream()
        .map(c -> CourseView.from(c, members.roleOf(c.id, caller.userId()).orElseThrow()))
        .toList();
  }

  /** Adds a member or changes their role (administrator or the course's instructor). */
  @Transactional
  public MemberView putMember(Caller caller, UUID courseId, UUID userId, PutMember request) {
    access.require(caller, courseId, CourseRole.INSTRUCTOR, "course");
    if (courses.findByIdOptional(courseId).isEmpty()) {
      throw ProblemException.notFound("course");
    }
    if (request == null || request.role() == null) {
      throw ProblemException.invalid("role is required: STUDENT, TA or INSTRUCTOR");
    }
    User user = users.findByIdOptional(userId).orElseThrow(() -> ProblemException.notFound("user"));
    Instant now = Instant.now();
    CourseMember m = members.findByIdOptional(new CourseMember.Key(courseId, userId)).orElse(null);
    if (m == null) {
      m = new CourseMember();
      m.id = new CourseMember.Key(courseId, userId);
      m.createdAt = now;
      m.role = request.role();
      m.updatedAt = now;
      members.persist(m);
    } else if (m.role != request.role()) {
      m.role = request.role();
      m.updatedAt = now;
    }
    Log.infof("course %s: user %s is %s (by %s)", courseId, userId, m.role, caller.userId());
    return MemberView.from(m, user);
  }

  /** The course's members (TA or above). */
  @Transactional
  public List<MemberView> members(Caller caller, UUID courseId) {
    access.require(caller, courseId, CourseRole.TA, "course");
    List<CourseMember> list = members.listByCourse(courseId);
    Map<UUID, User> byId = users.list("id in ?1", list.stream().map(m -> m.id.userId()).toList())
        .stream().collect(Collectors.toMap(u -> u.id, Function.identity()));
    return list.stream().map(m -> MemberView.from(m, byId.get(m.id.userId()))).toList();
  }
}
