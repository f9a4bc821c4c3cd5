package dev.arbiter.api.web.instructor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.course.CourseAccess;
import dev.arbiter.api.course.CourseRole;
import dev.arbiter.api.exercise.EffectiveLimits;
import dev.arbiter.api.exercise.Exercise;
import dev.arbiter.api.exercise.ExerciseService;
import dev.arbiter.api.outbox.OutboxWriter;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.submission.Submission;
import dev.arbiter.api.submission.SubmissionRepository;
import dev.arbiter.api.suite.SuiteVersionRepository;
import dev.arbiter.api.user.User;
import dev.arbiter.api.user.UserRepository;
import dev.arbiter.api.web.view.RegradeView;
import dev.arbiter.common.job.GradingJobRequested;
import dev.arbiter.common.job.JobPurpose;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.status.SubmissionStatus;
import dev.arbiter.common.suite.TestSuite;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * "Regrade all on version N", minimal and in the web package because the core has no regrade:
 * each student's latest own submission is submitted again, unchanged, as a new submission with
 * purpose {@code REGRADE} on version N, through the core's outbox in the same transaction as the
 * regrade rows. The original submission and its grade are never touched, so the page can show
 * before and after, and the grade report counts a regraded submission at its new score.
 */
@ApplicationScoped
public class Regrades {

  static final String AGGREGATE_TYPE = "Submission";

  private final ExerciseService exercises;
  private final CourseAccess access;
  private final SubmissionRepository submissions;
  private final SuiteVersionRepository suites;
  private final EffectiveLimits limits;
  private final OutboxWriter outbox;
  private final UserRepository users;

  Regrades(ExerciseService exercises, CourseAccess access, SubmissionRepository submissions,
      SuiteVersionRepository suites, EffectiveLimits limits, OutboxWriter outbox,
      UserRepository users) {
    this.exercises = exercises;
    this.access = access;
    this.submissions = submissions;
    this.suites = suites;
    this.limits = limits;
    this.outbox = outbox;
    this.users = users;
  }

  /** Starts a regrade of every student's latest submission on {@code version}. */
  @Transactional
  public UUID start(Caller caller, UUID exerciseId, int version) {
    Exercise e = exercises.visible(caller, exerciseId);
    access.require(caller, e.courseId, CourseRole.INSTRUCTOR, "exercise");
    TestSuite suite = suites.find(exerciseId, version).map(SuiteVersionRepository::parse)
        .orElseThrow(() -> ProblemException.notFound("suite version"));
    Set<UUID> alreadyRegrades = regradeSubmissionIds(exerciseId);
    Map<UUID, Submission> latestByUser = new LinkedHashMap<>();
    for (Submission s : submissions.listByExercise(exerciseId)) {
      if (s.purpose != JobPurpose.SUBMISSION || alreadyRegrades.contains(s.id)) {
        continue;
      }
      latestByUser.merge(s.userId, s, (a, b) -> a.receivedAt.isAfter(b.receivedAt) ? a : b);
    }
    Regrade r = new Regrade();
    r.id = UUID.randomUUID();
    r.exerciseId = exerciseId;
    r.suiteVersion = version;
    r.createdBy = caller.userId();
    r.createdAt = Instant.now();
    r.persist();
    boolean runsEntrypoint = suite.tests().stream()
        .anyMatch(t -> t.kind() == dev.arbiter.common.suite.TestKind.IO);
    int queued = 0;
    for (Submission original : latestByUser.values()) {
      Map<String, String> files = files(original);
      if (runsEntrypoint && !files.containsKey(suite.entrypoint())) {
        // The new version runs a file this submission does not have: it would only fail; skip.
        continue;
      }
      Submission again = new Submission();
      again.id = UUID.randomUUID();
      again.exerciseId = exerciseId;
      again.userId = original.userId;
      again.suiteVersion = version;
      again.files = original.files;
      again.status = SubmissionStatus.QUEUED;
      again.purpose = JobPurpose.REGRADE;
      again.maxScore = suite.maxScore();
      again.receivedAt = r.createdAt;
      submissions.persist(again);
      RegradeItem item = new RegradeItem();
      item.id = new RegradeItem.Key(r.id, original.id);
      item.regradeSubmissionId = again.id;
      item.persist();
      UUID eventId = UUID.randomUUID();
      GradingJobRequested job = new GradingJobRequested(eventId.toString(),
          GradingJobRequested.SCHEMA_VERSION, again.id.toString(), exerciseId.toString(),
          e.courseId.toString(), version, e.language, JobPurpose.REGRADE, limits.of(e), files,
          suite, again.receivedAt);
      outbox.append(eventId, AGGREGATE_TYPE, again.id.toString(), "GradingJobRequested",
          json(job));
      queued++;
    }
    Log.infof("regrade %s of exercise %s on suite v%d by %s: %d submissions queued", r.id,
        exerciseId, version, caller.userId(), queued);
    return r.id;
  }

  /** The exercise's regrades, newest first, with each student's score before and after. */
  @Transactional
  public List<RegradeView> list(Caller caller, UUID exerciseId) {
    Exercise e = exercises.visible(caller, exerciseId);
    access.require(caller, e.courseId, CourseRole.TA, "exercise");
    List<Regrade> regrades = Regrade.list("exerciseId = ?1 order by createdAt desc", exerciseId);
    List<RegradeView> out = new ArrayList<>();
    for (Regrade r : regrades) {
      List<RegradeItem> items = RegradeItem.list("id.regradeId", r.id);
      Set<UUID> ids = new HashSet<>();
      items.forEach(i -> {
        ids.add(i.id.originalSubmissionId());
        ids.add(i.regradeSubmissionId);
      });
      Map<UUID, Submission> byId = ids.isEmpty() ? Map.of()
          : submissions.list("id in ?1", ids).stream()
              .collect(Collectors.toMap(s -> s.id, Function.identity()));
      Set<UUID> userIds = byId.values().stream().map(s -> s.userId).collect(Collectors.toSet());
      Map<UUID, String> names = userIds.isEmpty() ? Map.of()
          : users.list("id in ?1", userIds).stream()
              .collect(Collectors.toMap(u -> u.id, (User u) -> u.name));
      List<RegradeView.Change> changes = new ArrayList<>();
      TreeSet<Integer> fromVersions = new TreeSet<>();
      int done = 0;
      for (RegradeItem i : items) {
        Submission before = byId.get(i.id.originalSubmissionId());
        Submission after = byId.get(i.regradeSubmissionId);
        if (before == null || after == null) {
          continue;
        }
        fromVersions.add(before.suiteVersion);
        boolean graded = after.status == SubmissionStatus.GRADED;
        if (after.status.isFinal()) {
          done++;
        }
        changes.add(new RegradeView.Change(before.id.toString(),
            names.getOrDefault(before.userId, "?"), before.score, graded ? after.score : null,
            before.maxScore, after.maxScore));
      }
      changes.sort(Comparator.comparing(RegradeView.Change::studentName));
      out.add(new RegradeView(r.id.toString(),
          fromVersions.stream().map(String::valueOf).collect(Collectors.joining(", ")),
          r.suiteVersion, changes.size(), done, changes, r.createdAt.toString()));
    }
    return out;
  }

  /** Original submission id → its latest regrade's submission id, for one exercise. */
  @Transactional
  public Map<UUID, UUID> regradeOf(UUID exerciseId) {
    List<Object[]> rows = Regrade.getEntityManager().createQuery(
            "select i.id.originalSubmissionId, i.regradeSubmissionId, r.createdAt"
                + " from RegradeItem i, Regrade r"
                + " where i.id.regradeId = r.id and r.exerciseId = ?1 order by r.createdAt",
            Object[].class)
        .setParameter(1, exerciseId).getResultList();
    Map<UUID, UUID> latest = new LinkedHashMap<>();
    rows.forEach(row -> latest.put((UUID) row[0], (UUID) row[1]));
    return latest;
  }

  private Set<UUID> regradeSubmissionIds(UUID exerciseId) {
    return new HashSet<>(regradeOf(exerciseId).values());
  }

  private static Map<String, String> files(Submission s) {
    try {
      return WireFormat.mapper().readValue(s.files, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored files of " + s.id + " are not readable", e);
    }
  }

  private static String json(Object o) {
    try {
      return WireFormat.mapper().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("wire model always serialises", e);
    }
  }
}
