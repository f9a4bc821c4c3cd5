package dev.arbiter.api.lti.launch;

import dev.arbiter.api.lti.platform.Platform;
import java.util.List;
import java.util.Map;

/**
 * A validated LTI message (resource link launch or deep-linking request): only claims Arbiter uses.
 *
 * @param platform the registration whose key signed it
 * @param deploymentId a registered deployment of that platform
 * @param messageType {@code LtiResourceLinkRequest} or {@code LtiDeepLinkingRequest}
 * @param subject the LMS's stable user id ({@code sub})
 * @param name display name, may be null (the LMS may withhold it)
 * @param email may be null
 * @param roles role URIs as sent
 * @param context the course in the LMS, may be null
 * @param resourceLink resource link launches only
 * @param custom custom parameters (strings)
 * @param ags AGS endpoint claim, may be null
 * @param nrps NRPS claim, may be null
 * @param deepLinking deep-linking requests only
 * @param targetLinkUri where the LMS meant to send the user
 */
public record LtiLaunch(
    Platform platform,
    String deploymentId,
    String messageType,
    String subject,
    String name,
    String email,
    List<String> roles,
    Context context,
    ResourceLink resourceLink,
    Map<String, String> custom,
    Ags ags,
    Nrps nrps,
    DeepLinking deepLinking,
    String targetLinkUri) {

  /** @param id context id, unique per deployment's platform */
  public record Context(String id, String title, String label) {}

  public record ResourceLink(String id, String title) {}

  /**
   * @param scopes scopes the platform grants
   * @param lineItems line items container URL, may be null
   * @param lineItem the line item bound to this resource link, may be null
   */
  public record Ags(List<String> scopes, String lineItems, String lineItem) {}

  public record Nrps(String contextMembershipsUrl) {}

  /**
   * @param returnUrl where the browser posts our response JWT
   * @param acceptTypes content item types the LMS accepts
   * @param acceptMultiple whether several items may be returned
   * @param data opaque value to echo, may be null
   */
  public record DeepLinking(
      String returnUrl, List<String> acceptTypes, boolean acceptMultiple, String data) {}
}
