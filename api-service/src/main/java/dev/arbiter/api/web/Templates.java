package dev.arbiter.api.web;

import dev.arbiter.api.lti.platform.PlatformView;
import dev.arbiter.api.web.view.Chrome;
import dev.arbiter.api.web.view.CourseCard;
import dev.arbiter.api.web.view.DryRunView;
import dev.arbiter.api.web.view.ExerciseForm;
import dev.arbiter.api.web.view.ExerciseRow;
import dev.arbiter.api.web.view.ExerciseView;
import dev.arbiter.api.web.view.HistoryRow;
import dev.arbiter.api.web.view.PlatformForm;
import dev.arbiter.api.web.view.Problem;
import dev.arbiter.api.web.view.RegradeView;
import dev.arbiter.api.web.view.ReportView;
import dev.arbiter.api.web.view.SubmissionPanel;
import dev.arbiter.api.web.view.SuiteVersionRow;
import dev.arbiter.api.web.view.ToolUrls;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The page templates under {@code templates/web/}, type-checked at build time: a template that
 * names a field its view record lacks fails the build, not a page view.
 */
@CheckedTemplate(basePath = "web")
final class Templates {

  private Templates() {}

  static native TemplateInstance signIn(Chrome chrome, Problem error, String next);

  static native TemplateInstance courses(Chrome chrome, List<CourseCard> courses);

  static native TemplateInstance course(Chrome chrome, CourseCard course,
      List<ExerciseRow> exercises);

  static native TemplateInstance exercise(Chrome chrome, ExerciseView exercise,
      List<HistoryRow> history, Problem error, String filename, String code);

  static native TemplateInstance exerciseHistory(List<HistoryRow> history);

  static native TemplateInstance submission(Chrome chrome, SubmissionPanel panel,
      String exerciseTitle);

  static native TemplateInstance submissionPanel(SubmissionPanel panel);

  static native TemplateInstance exerciseEdit(Chrome chrome, String courseId, String courseTitle,
      String exerciseId, ExerciseForm form, List<String> languages, Problem error);

  static native TemplateInstance suite(Chrome chrome, ExerciseView exercise,
      List<SuiteVersionRow> versions, List<RegradeView> regrades, DryRunView dryRun,
      Problem error, String suiteJson, String reference);

  static native TemplateInstance report(Chrome chrome, ReportView report);

  static native TemplateInstance platforms(Chrome chrome, ToolUrls tool,
      List<PlatformView> platforms, PlatformForm form, Problem error);

  static native TemplateInstance error(Chrome chrome, Problem problem);
}
