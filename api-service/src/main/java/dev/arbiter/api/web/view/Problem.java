package dev.arbiter.api.web.view;

/**
 * An error shown on a page, in the words of an RFC 9457 problem document, with the form field it
 * belongs to (so the page can mark that field invalid and link to it from the summary).
 *
 * @param status HTTP status
 * @param title short summary
 * @param detail what went wrong and how to fix it
 * @param field id of the form field at fault, or null
 */
public record Problem(int status, String title, String detail, String field) {

  public static Problem of(int status, String title, String detail) {
    return new Problem(status, title, detail, null);
  }

  public Problem at(String fieldId) {
    return new Problem(status, title, detail, fieldId);
  }

  /** True when this problem belongs to the given form field. */
  public boolean on(String fieldId) {
    return fieldId.equals(field);
  }
}
