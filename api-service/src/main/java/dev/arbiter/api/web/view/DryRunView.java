package dev.arbiter.api.web.view;

/**
 * A dry run of a reference solution against a draft suite: never a grade, never seen by students.
 *
 * @param panel the run's live panel (all tests visible to the instructor)
 * @param draftTests how many tests the draft has
 */
public record DryRunView(SubmissionPanel panel, int draftTests) {}
