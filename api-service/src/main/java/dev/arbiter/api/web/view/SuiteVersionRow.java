package dev.arbiter.api.web.view;

/**
 * A suite version in the instructor's list.
 *
 * @param version number
 * @param tests how many tests
 * @param hiddenTests how many of them are hidden
 * @param maxScore total points
 * @param createdAt ISO-8601 UTC
 * @param createdBy who uploaded it
 * @param current the version new submissions run
 */
public record SuiteVersionRow(
    int version,
    int tests,
    int hiddenTests,
    double maxScore,
    String createdAt,
    String createdBy,
    boolean current) {}
