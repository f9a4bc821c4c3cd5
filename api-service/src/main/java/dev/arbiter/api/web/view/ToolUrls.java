package dev.arbiter.api.web.view;

/**
 * What an administrator pastes into the LMS when adding Arbiter as an external tool
 * (docs/lti.md): all of it derives from the public base URL.
 */
public record ToolUrls(String launch, String login, String jwks, String deepLinking) {

  public static ToolUrls of(String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return new ToolUrls(base + "/lti/launch", base + "/lti/login", base + "/lti/jwks",
        base + "/lti/launch");
  }
}
