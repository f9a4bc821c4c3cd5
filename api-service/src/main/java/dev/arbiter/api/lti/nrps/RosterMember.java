package dev.arbiter.api.lti.nrps;

import java.util.List;

/**
 * One member of an LMS context as NRPS 2.0 (§2.2) lists it.
 *
 * @param userId the member's LTI {@code sub} at this platform
 * @param name may be null (the LMS may withhold PII)
 * @param email may be null
 * @param roles role URIs
 * @param status Active, Inactive or Deleted (Active when the LMS omits it)
 */
public record RosterMember(String userId, String name, String email, List<String> roles, String status) {

  public boolean active() {
    return status == null || "Active".equalsIgnoreCase(status);
  }
}
