package dev.arbiter.worker.launch.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Labels and names of every sandbox object. The chart's deny-all NetworkPolicy, the ResourceQuota
 * scope and the worker's informers all select on these keys, so they are defined once here and
 * {@code KubernetesPolicyAgreementTest} checks the chart against them.
 */
public final class SandboxLabels {

  /** Every Arbiter object carries it; the sandbox NetworkPolicy selects pods by it. */
  public static final String PART_OF = "app.kubernetes.io/part-of";

  public static final String PART_OF_VALUE = "arbiter";

  /** Which component made the object: sandbox objects say {@value #COMPONENT_VALUE}. */
  public static final String COMPONENT = "app.kubernetes.io/component";

  public static final String COMPONENT_VALUE = "sandbox";

  /** Who manages the object's lifecycle: the worker, not Helm. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  public static final String MANAGED_BY_VALUE = "arbiter-worker";

  /** The run (one launcher call); a run may need several Jobs ("attempts"). */
  public static final String RUN_ID = "arbiter.dev/run-id";

  /** 1 for the first Job of a run, 2 for the Job that continues after a lost runner, … */
  public static final String ATTEMPT = "arbiter.dev/attempt";

  public static final String SUBMISSION_ID = "arbiter.dev/submission-id";

  public static final String EXERCISE_ID = "arbiter.dev/exercise-id";

  /** The worker instance that created the object; used to reap its leftovers after a restart. */
  public static final String WORKER_ID = "arbiter.dev/worker-id";

  /** Label selector (equality form) that finds every sandbox object. */
  public static final String SANDBOX_SELECTOR =
      PART_OF + "=" + PART_OF_VALUE + "," + COMPONENT + "=" + COMPONENT_VALUE;

  private static final int MAX_LABEL_VALUE = 63;

  private SandboxLabels() {}

  /**
   * A valid label value for {@code raw} (RFC 1123-ish: at most 63 of {@code [A-Za-z0-9._-]},
   * alphanumeric at both ends). Ids are opaque strings, so anything else is replaced, and a value
   * that had to be shortened or changed gets a hash suffix so two ids never collide.
   */
  public static String labelValue(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "none";
    }
    String cleaned = raw.replaceAll("[^A-Za-z0-9._-]", "-");
    if (cleaned.equals(raw) && cleaned.length() <= MAX_LABEL_VALUE && alnumEnds(cleaned)) {
      return cleaned;
    }
    String hash = shortHash(raw);
    int keep = Math.min(cleaned.length(), MAX_LABEL_VALUE - hash.length() - 1);
    String head = trimNonAlnum(cleaned.substring(0, keep));
    return head.isEmpty() ? hash : head + "-" + hash;
  }

  /**
   * The name of the Job and of its Secret for attempt {@code attempt} of run {@code runId}: a DNS
   * label (lower case, at most 63 characters, because the Job controller copies it into the pod's
   * {@code job-name} label). Deterministic, so a second create for the same attempt is a 409.
   */
  public static String objectName(String runId, int attempt) {
    String suffix = "-" + attempt;
    String prefix = "arbiter-";
    String lower = runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    int room = MAX_LABEL_VALUE - prefix.length() - suffix.length();
    String body;
    if (lower.equals(runId) && lower.length() <= room) {
      body = trimNonAlnum(lower);
    } else {
      String hash = shortHash(runId);
      body = trimNonAlnum(lower.substring(0, Math.min(lower.length(), room - hash.length() - 1)));
      body = body.isEmpty() ? hash : body + "-" + hash;
    }
    return prefix + body + suffix;
  }

  private static boolean alnumEnds(String s) {
    return Character.isLetterOrDigit(s.charAt(0))
        && Character.isLetterOrDigit(s.charAt(s.length() - 1));
  }

  private static String trimNonAlnum(String s) {
    return s.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
  }

  private static String shortHash(String raw) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
