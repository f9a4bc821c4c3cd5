package dev.arbiter.api.lti;

/** Claim names and fixed values of LTI 1.3 core, Deep Linking 2.0, AGS 2.0 and NRPS 2.0. */
public final class LtiClaims {

  private static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
  private static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";

  public static final String MESSAGE_TYPE = LTI + "message_type";
  public static final String VERSION = LTI + "version";
  public static final String DEPLOYMENT_ID = LTI + "deployment_id";
  public static final String TARGET_LINK_URI = LTI + "target_link_uri";
  public static final String RESOURCE_LINK = LTI + "resource_link";
  public static final String ROLES = LTI + "roles";
  public static final String CONTEXT = LTI + "context";
  public static final String CUSTOM = LTI + "custom";

  public static final String DEEP_LINKING_SETTINGS = DL + "deep_linking_settings";
  public static final String DEEP_LINKING_CONTENT_ITEMS = DL + "content_items";
  public static final String DEEP_LINKING_DATA = DL + "data";

  public static final String AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
  public static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";

  public static final String LTI_VERSION = "1.3.0";
  public static final String RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest";
  public static final String DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest";
  public static final String DEEP_LINKING_RESPONSE = "LtiDeepLinkingResponse";

  public static final String SCOPE_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
  public static final String SCOPE_RESULT_READONLY =
      "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
  public static final String SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
  public static final String SCOPE_NRPS =
      "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

  /** Name of the custom parameter that carries the Arbiter exercise id (set by Deep Linking). */
  public static final String CUSTOM_EXERCISE_ID = "exercise_id";

  private LtiClaims() {}
}
