package dev.arbiter.api.web.suitezip;

/**
 * A suite zip that cannot be accepted. The message names the entry and the rule, so the upload
 * form can show it to the instructor as is; it never contains file contents.
 */
public final class SuiteZipRejected extends RuntimeException {

  private final int status;

  private SuiteZipRejected(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static SuiteZipRejected bad(String message) {
    return new SuiteZipRejected(400, message);
  }

  static SuiteZipRejected tooLarge(String message) {
    return new SuiteZipRejected(413, message);
  }

  /** HTTP status of the problem document: 400 bad layout, 413 over a size cap. */
  public int status() {
    return status;
  }
}
