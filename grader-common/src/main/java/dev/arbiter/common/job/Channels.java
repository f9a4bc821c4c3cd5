package dev.arbiter.common.job;

/**
 * Messaging channel names shared by both services. Topics are mapped to these channels in each
 * service's {@code application.properties}; the record key is always the submission id.
 */
public final class Channels {

  /** api-service outbox relay → workers: {@link GradingJobRequested}. Topic {@value #JOBS_TOPIC}. */
  public static final String GRADING_JOBS = "grading-jobs";

  /** workers → api-service: {@link GradingResultEvent}s. Topic {@value #RESULTS_TOPIC}. */
  public static final String GRADING_RESULTS = "grading-results";

  /** Jobs the platform repeatedly failed to run. Topic {@value #DLQ_TOPIC}. */
  public static final String GRADING_JOBS_DLQ = "grading-jobs-dlq";

  public static final String JOBS_TOPIC = "grading.jobs";
  public static final String RESULTS_TOPIC = "grading.results";
  public static final String DLQ_TOPIC = "grading.jobs.dlq";

  private Channels() {}
}
