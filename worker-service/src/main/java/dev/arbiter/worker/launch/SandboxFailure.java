package dev.arbiter.worker.launch;

/**
 * The platform could not run the sandbox (not the student's doing). Retried by the worker; after
 * the retries the submission is FAILED_INFRA with {@link #getMessage()} as the staff-visible reason.
 * Messages never carry submission contents or expected values.
 */
public class SandboxFailure extends Exception {

  public SandboxFailure(String message) {
    super(message);
  }

  public SandboxFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
