package dev.arbiter.api.lti.launch;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arbiter.api.lti.LtiClaims;
import dev.arbiter.api.lti.LtiConfig;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.lti.platform.Platform;
import dev.arbiter.api.lti.platform.PlatformKeySource;
import dev.arbiter.api.lti.platform.PlatformRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validates the id_token of an LTI 1.3 launch (LTI 1.3 core §5.1.3, OIDC core §3.1.3.7) and turns
 * it into an {@link LtiLaunch}. Every failure is a 401 {@link ProblemException}; nothing is written except
 * that the state is spent.
 */
@ApplicationScoped
public class IdTokenValidator {

  private final LoginStateRepository states;
  private final PlatformRepository platforms;
  private final PlatformKeySource keys;
  private final LtiConfig config;

  IdTokenValidator(
      LoginStateRepository states, PlatformRepository platforms, PlatformKeySource keys, LtiConfig config) {
    this.states = states;
    this.platforms = platforms;
    this.keys = keys;
    this.config = config;
  }

  public LtiLaunch validate(String idToken, String state) {
    if (state == null || state.isBlank()) {
      throw ProblemException.unauthorized("the launch has no state");
    }
    if (idToken == null || idToken.isBlank()) {
      throw ProblemException.unauthorized("the launch has no id_token");
    }
    Instant now = Instant.now();
    // The state ties this POST to a login initiation we answered; consumed first so that a replay
    // of the same form fails whatever happens next.
    LoginState login =
        states
            .consume(state, now)
            .orElseThrow(() -> ProblemException.unauthorized("unknown, expired or already used state"));
    Platform platform =
        platforms
            .findByIdOptional(login.platformId)
            .orElseThrow(() -> ProblemException.unauthorized("the platform of this login is gone"));

    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(idToken);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw ProblemException.unauthorized("id_token is not a signed JWT");
    }
    // LTI 1.3 security framework §5.1.3: RS256; refusing others also blocks alg=none / HS256 tricks.
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      throw ProblemException.unauthorized("id_token must be signed with RS256");
    }
    if (!platform.issuer.equals(claims.getIssuer())) {
      throw ProblemException.unauthorized("id_token iss does not match the platform of this login");
    }
    List<String> aud = claims.getAudience();
    if (aud == null || !aud.contains(platform.clientId)) {
      throw ProblemException.unauthorized("id_token aud does not contain our client_id");
    }
    String azp = stringClaim(claims, "azp");
    // OIDC core §3.1.3.7 (4, 5): with several audiences azp must be present and be us.
    if ((aud.size() > 1 && azp == null) || (azp != null && !azp.equals(platform.clientId))) {
      throw ProblemException.unauthorized("id_token azp is not our client_id");
    }
    verifySignature(jwt, platform);
    checkTimes(claims, now);
    if (!Objects.equals(login.nonce, stringClaim(claims, "nonce"))) {
      throw ProblemException.unauthorized("id_token nonce does not match this login (replayed token?)");
    }
    if (!LtiClaims.LTI_VERSION.equals(stringClaim(claims, LtiClaims.VERSION))) {
      throw ProblemException.unauthorized("LTI version must be 1.3.0");
    }
    String deploymentId = stringClaim(claims, LtiClaims.DEPLOYMENT_ID);
    if (deploymentId == null || deploymentId.isBlank()) {
      throw ProblemException.unauthorized("id_token has no deployment_id");
    }
    if (!platform.deploymentIds.contains(deploymentId)) {
      throw ProblemException.unauthorized("deployment_id '" + deploymentId + "' is not registered");
    }
    String messageType = stringClaim(claims, LtiClaims.MESSAGE_TYPE);
    if (!LtiClaims.RESOURCE_LINK_REQUEST.equals(messageType)
        && !LtiClaims.DEEP_LINKING_REQUEST.equals(messageType)) {
      throw ProblemException.unauthorized("unsupported message_type " + messageType);
    }
    String targetLinkUri = stringClaim(claims, LtiClaims.TARGET_LINK_URI);
    if (targetLinkUri == null
        || (login.targetLinkUri != null && !login.targetLinkUri.equals(targetLinkUri))) {
      throw ProblemException.unauthorized("target_link_uri differs from the one of the login initiation");
    }
    String sub = claims.getSubject();
    if (sub == null || sub.isBlank()) {
      // Anonymous launches (no sub) cannot hold a grade or a session.
      throw ProblemException.unauthorized("id_token has no sub");
    }
    List<String> roles = stringList(claims, LtiClaims.ROLES);
    if (roles == null) {
      throw ProblemException.unauthorized("id_token has no roles claim");
    }

    LtiLaunch.ResourceLink resourceLink = null;
    LtiLaunch.DeepLinking deepLinking = null;
    if (LtiClaims.RESOURCE_LINK_REQUEST.equals(messageType)) {
      Map<String, Object> link = objectClaim(claims, LtiClaims.RESOURCE_LINK);
      if (link == null || str(link.get("id")) == null) {
        throw ProblemException.unauthorized("resource link launch without resource_link.id");
      }
      resourceLink = new LtiLaunch.ResourceLink(str(link.get("id")), str(link.get("title")));
    } else {
      Map<String, Object> settings = objectClaim(claims, LtiClaims.DEEP_LINKING_SETTINGS);
      if (settings == null || str(settings.get("deep_link_return_url")) == null) {
        throw ProblemException.unauthorized("deep linking request without deep_link_return_url");
      }
      deepLinking =
          new LtiLaunch.DeepLinking(
              str(settings.get("deep_link_return_url")),
              strings(settings.get("accept_types")),
              Boolean.TRUE.equals(settings.get("accept_multiple"))
                  || "true".equals(str(settings.get("accept_multiple"))),
              str(settings.get("data")));
    }

    Map<String, Object> ctx = objectClaim(claims, LtiClaims.CONTEXT);
    LtiLaunch.Context context =
        ctx == null || str(ctx.get("id")) == null
            ? null
            : new LtiLaunch.Context(str(ctx.get("id")), str(ctx.get("title")), str(ctx.get("label")));
    Map<String, Object> agsClaim = objectClaim(claims, LtiClaims.AGS_ENDPOINT);
    LtiLaunch.Ags ags =
        agsClaim == null
            ? null
            : new LtiLaunch.Ags(
                strings(agsClaim.get("scope")), str(agsClaim.get("lineitems")), str(agsClaim.get("lineitem")));
    Map<String, Object> nrpsClaim = objectClaim(claims, LtiClaims.NRPS);
    LtiLaunch.Nrps nrps =
        nrpsClaim == null || str(nrpsClaim.get("context_memberships_url")) == null
            ? null
            : new LtiLaunch.Nrps(str(nrpsClaim.get("context_memberships_url")));
    Map<String, String> custom = new LinkedHashMap<>();
    Map<String, Object> customClaim = objectClaim(claims, LtiClaims.CUSTOM);
    if (customClaim != null) {
      customClaim.forEach((k, v) -> custom.put(k, v == null ? null : String.valueOf(v)));
    }
    String name = stringClaim(claims, "name");
    if (name == null) {
      String given = stringClaim(claims, "given_name");
      String family = stringClaim(claims, "family_name");
      name = given == null && family == null ? null
          : ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
    }
    Log.infof("LTI %s validated from %s deployment %s", messageType, platform.issuer, deploymentId);
    return new LtiLaunch(
        platform,
        deploymentId,
        messageType,
        sub,
        name,
        stringClaim(claims, "email"),
        List.copyOf(roles),
        context,
        resourceLink,
        custom,
        ags,
        nrps,
        deepLinking,
        targetLinkUri);
  }

  private void verifySignature(SignedJWT jwt, Platform platform) {
    try {
      if (!jwt.verify(new RSASSAVerifier(keys.rsaKey(platform, jwt.getHeader().getKeyID())))) {
        throw ProblemException.unauthorized("id_token signature does not verify");
      }
    } catch (JOSEException e) {
      throw ProblemException.unauthorized("id_token signature cannot be verified");
    }
  }

  private void checkTimes(JWTClaimsSet claims, Instant now) {
    Duration skew = config.clockSkew();
    Date exp = claims.getExpirationTime();
    Date iat = claims.getIssueTime();
    if (exp == null || iat == null) {
      throw ProblemException.unauthorized("id_token lacks exp or iat");
    }
    if (!exp.toInstant().plus(skew).isAfter(now)) {
      throw ProblemException.unauthorized("id_token has expired");
    }
    if (iat.toInstant().minus(skew).isAfter(now)) {
      throw ProblemException.unauthorized("id_token is issued in the future");
    }
  }

  private static String stringClaim(JWTClaimsSet claims, String name) {
    Object v = claims.getClaim(name);
    return v instanceof String s ? s : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> objectClaim(JWTClaimsSet claims, String name) {
    Object v = claims.getClaim(name);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  private static List<String> stringList(JWTClaimsSet claims, String name) {
    Object v = claims.getClaim(name);
    return v instanceof List<?> ? strings(v) : null;
  }

  private static List<String> strings(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (Object o : list) {
        if (o != null) {
          out.add(String.valueOf(o));
        }
      }
    } else if (v instanceof String s) {
      for (String part : s.split("\\s+")) {
        if (!part.isBlank()) {
          out.add(part);
        }
      }
    }
    return out;
  }

  private static String str(Object v) {
    return v instanceof String s && !s.isBlank() ? s : null;
  }
}
