package dev.arbiter.api.course;

/** A member's role in one course, in increasing order of rights. */
public enum CourseRole {
  /** Sees and submits only their own work. */
  STUDENT,
  /** Also reads every submission and grade report of the course. */
  TA,
  /** Also creates and changes exercises and test suites, and manages members. */
  INSTRUCTOR;

  public boolean atLeast(CourseRole other) {
    return compareTo(other) >= 0;
  }
}
