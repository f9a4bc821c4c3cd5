package dev.arbiter.api.lti.launch;

import dev.arbiter.api.lti.LtiConfig;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.lti.platform.Platform;
import dev.arbiter.api.lti.platform.PlatformRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers a login initiation with the authentication request the browser must carry to the LMS. */
@ApplicationScoped
public class LoginService {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final PlatformRepository platforms;
  private final LoginStateRepository states;
  private final LtiConfig config;

  LoginService(PlatformRepository platforms, LoginStateRepository states, LtiConfig config) {
    this.platforms = platforms;
    this.states = states;
    this.config = config;
  }

  /** The redirect URI registered in every LMS: where the id_token is posted. */
  public String redirectUri() {
    return config.baseUrl() + "/lti/launch";
  }

  /**
   * Stores a fresh state and nonce and returns the LMS's auth URL with the OIDC parameters.
   *
   * @throws ProblemException 400 for missing parameters, 401 for an unknown platform or deployment or a
   *     target outside Arbiter
   */
  @Transactional
  public URI initiate(LoginInitiation login) {
    require(login.issuer(), "iss");
    require(login.loginHint(), "login_hint");
    require(login.targetLinkUri(), "target_link_uri");
    Platform platform = platformOf(login);
    if (login.deploymentId() != null
        && !login.deploymentId().isBlank()
        && !platform.deploymentIds.contains(login.deploymentId())) {
      throw ProblemException.unauthorized(
          "lti_deployment_id '" + login.deploymentId() + "' is not registered for this platform");
    }
    // The target comes back in the id_token and we redirect to pages under it: anything outside
    // Arbiter's own base URL would make the login endpoint an open redirect.
    if (!isOurs(login.targetLinkUri())) {
      throw ProblemException.unauthorized("target_link_uri is not an Arbiter URL");
    }
    Instant now = Instant.now();
    LoginState s = new LoginState();
    s.state = randomToken();
    s.nonce = randomToken();
    s.platformId = platform.id;
    s.targetLinkUri = login.targetLinkUri();
    s.createdAt = now;
    s.expiresAt = now.plus(config.loginStateTtl());
    states.persist(s);
    Log.infof("LTI login initiation from %s (client %s)", platform.issuer, platform.clientId);

    Map<String, String> query = new LinkedHashMap<>();
    query.put("scope", "openid");
    query.put("response_type", "id_token");
    query.put("response_mode", "form_post");
    query.put("prompt", "none");
    query.put("client_id", platform.clientId);
    query.put("redirect_uri", redirectUri());
    query.put("login_hint", login.loginHint());
    if (login.ltiMessageHint() != null) {
      query.put("lti_message_hint", login.ltiMessageHint());
    }
    query.put("state", s.state);
    query.put("nonce", s.nonce);
    return URI.create(appendQuery(platform.authLoginUrl, query));
  }

  boolean isOurs(String uri) {
    String base = config.baseUrl();
    return uri.equals(base) || uri.startsWith(base + "/");
  }

  private Platform platformOf(LoginInitiation login) {
    if (login.clientId() != null && !login.clientId().isBlank()) {
      return platforms
          .findByIssuerAndClientId(login.issuer(), login.clientId())
          .orElseThrow(() -> ProblemException.unauthorized("no platform registered for this iss and client_id"));
    }
    // client_id is optional in login initiation (LTI 1.3 core §4.1.1); without it the issuer must
    // identify exactly one registration.
    List<Platform> candidates = platforms.findByIssuer(login.issuer());
    if (candidates.size() != 1) {
      throw ProblemException.unauthorized(
          candidates.isEmpty()
              ? "no platform registered for this iss"
              : "several registrations share this iss; the LMS must send client_id");
    }
    return candidates.get(0);
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw ProblemException.invalid("login initiation lacks " + name);
    }
  }

  static String appendQuery(String url, Map<String, String> params) {
    StringBuilder sb = new StringBuilder(url);
    char sep = url.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      sb.append(sep)
          .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return sb.toString();
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
