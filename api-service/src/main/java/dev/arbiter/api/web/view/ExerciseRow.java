package dev.arbiter.api.web.view;

/**
 * An exercise in a course's list.
 *
 * @param id exercise id
 * @param slug its slug
 * @param title its title
 * @param suiteVersion current suite version, 0 when none yet
 */
public record ExerciseRow(String id, String slug, String title, int suiteVersion) {}
