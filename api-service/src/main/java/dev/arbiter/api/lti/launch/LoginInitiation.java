package dev.arbiter.api.lti.launch;

/**
 * OIDC third-party login initiation parameters (LTI 1.3 core §4.1), from a GET query or a POST form.
 *
 * @param issuer {@code iss}
 * @param loginHint {@code login_hint}: the LMS's user id, echoed to the LMS
 * @param targetLinkUri {@code target_link_uri}
 * @param ltiMessageHint {@code lti_message_hint}: opaque, echoed unchanged
 * @param clientId {@code client_id}, optional in the spec
 * @param deploymentId {@code lti_deployment_id}, optional
 */
public record LoginInitiation(
    String issuer,
    String loginHint,
    String targetLinkUri,
    String ltiMessageHint,
    String clientId,
    String deploymentId) {}
