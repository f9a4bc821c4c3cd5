package dev.arbiter.api.web.view;

import dev.arbiter.common.status.RunLimits;

/**
 * The create/edit exercise form as typed, so a rejected form comes back with the user's input.
 * Numbers stay strings: "abc" in a number field must be shown back, not lost.
 */
public record ExerciseForm(
    String slug,
    String title,
    String description,
    String language,
    String timeSeconds,
    String memoryMb,
    String outputKb,
    String diskMb) {

  public static ExerciseForm blank() {
    RunLimits d = RunLimits.DEFAULTS;
    return new ExerciseForm("", "", "", "python3", Integer.toString(d.timeSeconds()),
        Integer.toString(d.memoryMb()), Integer.toString(d.outputKb()), Integer.toString(d.diskMb()));
  }
}
