package dev.arbiter.api.lti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An LTI 1.3 platform (an LMS, as far as Arbiter can tell) on 127.0.0.1 for tests: its own RSA
 * keys and JWKS, an OIDC auth endpoint that answers the login redirect with an auto-posting form
 * carrying a signed id_token, an OAuth 2 token endpoint that verifies the tool's client assertion
 * against the tool's real JWKS, AGS line items whose scores endpoint records what arrives (and can
 * be made to fail with 503), and an NRPS memberships endpoint served in two pages.
 */
public final class TestLtiPlatform implements AutoCloseable {

  public static final String DEPLOYMENT_ID = "1";
  public static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
  public static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
  public static final String TEACHING_ASSISTANT =
      "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant";

  /** What arrived at a line item's scores endpoint and was accepted. */
  public record ReceivedScore(String lineItemPath, String query, JsonNode body) {}

  /** A roster entry served by the NRPS endpoint. */
  public record Member(String userId, String name, String email, List<String> roles) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final String issuer;
  private final String clientId;
  private final String toolJwksUrl;
  private volatile RSAKey signingKey;
  private final List<RSAKey> publishedKeys = new CopyOnWriteArrayList<>();

  private final Map<String, Launch> launchesByLoginHint = new ConcurrentHashMap<>();
  private final List<Map<String, String>> authRequests = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
  private final Map<String, List<String>> grantedScopes = new ConcurrentHashMap<>();
  private final List<ReceivedScore> scores = new CopyOnWriteArrayList<>();
  private final AtomicInteger refusedScorePosts = new AtomicInteger();
  private final AtomicInteger jwksFetches = new AtomicInteger();
  private volatile boolean agsOutage;
  private final Map<String, List<Member>> rosters = new ConcurrentHashMap<>();

  public TestLtiPlatform(String toolJwksUrl) throws Exception {
    this.toolJwksUrl = toolJwksUrl;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.server.setExecutor(Executors.newFixedThreadPool(4));
    this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    this.clientId = randomAlnum(15);
    this.signingKey = newKey();
    this.publishedKeys.add(signingKey);
    server.createContext("/", this::handle);
    server.start();
  }

  // --- registration values, as an LMS admin page would show them ---

  public String issuer() {
    return issuer;
  }

  public String clientId() {
    return clientId;
  }

  public String authLoginUrl() {
    return issuer + "/mod/lti/auth.php";
  }

  public String authTokenUrl() {
    return issuer + "/mod/lti/token.php";
  }

  public String jwksUrl() {
    return issuer + "/mod/lti/certs.php";
  }

  /** A Moodle-style line item URL: the id sits in the path, a query string follows. */
  public String lineItemUrl(int lineItemId) {
    return issuer + "/mod/lti/services.php/2/lineitems/" + lineItemId + "/lineitem?type_id=1";
  }

  public String lineItemsUrl() {
    return issuer + "/mod/lti/services.php/2/lineitems?type_id=1";
  }

  public String membershipsUrl(String contextId) {
    return issuer + "/mod/lti/services.php/CourseSection/" + contextId + "/bindings/1/memberships";
  }

  /** Registration JSON for {@code POST /api/v1/lti/platforms}. */
  public Map<String, Object> registration() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("issuer", issuer);
    r.put("clientId", clientId);
    r.put("deploymentIds", List.of(DEPLOYMENT_ID));
    r.put("authLoginUrl", authLoginUrl());
    r.put("authTokenUrl", authTokenUrl());
    r.put("jwksUrl", jwksUrl());
    return r;
  }

  // --- launches ---

  /** A launch the auth endpoint will answer for its login hint; built by tests. */
  public static final class Launch {
    public final String loginHint = UUID.randomUUID().toString();
    public String subject = "user-" + randomAlnum(8);
    public String name = "Student " + subject;
    public String email = subject + "@example.org";
    public List<String> roles = List.of(LEARNER);
    public String messageType = "LtiResourceLinkRequest";
    public String contextId = "ctx-" + randomAlnum(6);
    public String contextTitle = "Course " + contextId;
    public String resourceLinkId = "rl-" + randomAlnum(6);
    public Map<String, String> custom = new LinkedHashMap<>();
    public String lineItemUrl;
    public String membershipsUrl;
    public String deepLinkReturnUrl;
    public String deepLinkData;
    /** Last-minute changes to the claims, for negative cases. */
    public Consumer<JWTClaimsSet.Builder> tamper = b -> {};
    /** Sign with this key instead of the platform's published one (bad signature, unknown kid). */
    public RSAKey signWith;
    /** Header kid to use when signing with {@link #signWith}. */
    public String kid;

    public Launch roles(String... r) {
      this.roles = List.of(r);
      return this;
    }

    public Launch custom(String key, String value) {
      this.custom.put(key, value);
      return this;
    }
  }

  public Launch newLaunch() {
    Launch launch = new Launch();
    launch.membershipsUrl = membershipsUrl(launch.contextId);
    launchesByLoginHint.put(launch.loginHint, launch);
    return launch;
  }

  /** Makes a launch answerable again after its fields changed (same login hint). */
  public Launch register(Launch launch) {
    launchesByLoginHint.put(launch.loginHint, launch);
    return launch;
  }

  /** Query parameters of every auth request received, in order. */
  public List<Map<String, String>> authRequests() {
    return Collections.unmodifiableList(authRequests);
  }

  public RSAKey currentKey() {
    return signingKey;
  }

  /** Key rotation as an LMS does it: a new signing key, published next to the old one. */
  public RSAKey rotateKey() throws Exception {
    RSAKey fresh = newKey();
    publishedKeys.add(0, fresh);
    signingKey = fresh;
    return fresh;
  }

  public int jwksFetches() {
    return jwksFetches.get();
  }

  public static RSAKey newKey() throws Exception {
    return new RSAKeyGenerator(2048).keyID("platform-" + randomAlnum(10)).generate();
  }

  // --- AGS ---

  public List<ReceivedScore> scores() {
    return Collections.unmodifiableList(scores);
  }

  public List<ReceivedScore> scoresFor(String userId) {
    return scores.stream().filter(s -> userId.equals(s.body().path("userId").asText())).toList();
  }

  /** A teacher cleared the user's grade cells: the results service no longer shows their scores. */
  public void forgetScores(String userId) {
    scores.removeIf(s -> userId.equals(s.body().path("userId").asText()));
  }

  public void agsOutage(boolean down) {
    this.agsOutage = down;
  }

  public int refusedScorePosts() {
    return refusedScorePosts.get();
  }

  public List<Map<String, String>> tokenRequests() {
    return Collections.unmodifiableList(tokenRequests);
  }

  // --- NRPS ---

  public void roster(String contextId, List<Member> members) {
    rosters.put(contextId, List.copyOf(members));
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // --- HTTP ---

  private void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath();
      if (path.equals("/mod/lti/certs.php")) {
        jwksFetches.incrementAndGet();
        List<JWK> pub = new ArrayList<>();
        publishedKeys.forEach(k -> pub.add(k.toPublicJWK()));
        send(ex, 200, "application/json", new JWKSet(pub).toString(true));
      } else if (path.equals("/mod/lti/auth.php")) {
        auth(ex);
      } else if (path.equals("/mod/lti/token.php")) {
        token(ex);
      } else if (path.matches("/mod/lti/services.php/2/lineitems/\\d+/lineitem/scores")) {
        score(ex);
      } else if (path.matches("/mod/lti/services.php/2/lineitems/\\d+/lineitem/results")) {
        results(ex);
      } else if (path.matches("/mod/lti/services.php/CourseSection/[^/]+/bindings/1/memberships")) {
        memberships(ex);
      } else {
        send(ex, 404, "text/plain", "no such endpoint " + path);
      }
    } catch (Exception e) {
      send(ex, 500, "text/plain", "test platform failed: " + e);
    } finally {
      ex.close();
    }
  }

  private void auth(HttpExchange ex) throws Exception {
    Map<String, String> q =
        "POST".equals(ex.getRequestMethod())
            ? parseForm(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
            : parseForm(ex.getRequestURI().getRawQuery());
    authRequests.add(q);
    Launch launch = launchesByLoginHint.get(q.get("login_hint"));
    if (launch == null || !clientId.equals(q.get("client_id"))) {
      send(ex, 400, "text/plain", "unknown login_hint or client_id");
      return;
    }
    String idToken = idToken(launch, q.get("nonce"), q.get("redirect_uri"));
    // The real platform answers with a page that auto-posts the id_token through the browser.
    String html =
        "<!DOCTYPE html><html><body onload=\"document.forms[0].submit()\">"
            + "<form method=\"post\" action=\"" + q.get("redirect_uri") + "\">"
            + "<input type=\"hidden\" name=\"id_token\" value=\"" + idToken + "\">"
            + "<input type=\"hidden\" name=\"state\" value=\"" + q.get("state") + "\">"
            + "</form></body></html>";
    send(ex, 200, "text/html", html);
  }

  private String idToken(Launch l, String nonce, String redirectUri) throws Exception {
    Instant now = Instant.now();
    JWTClaimsSet.Builder b =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(clientId)
            .subject(l.subject)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(60)))
            .claim("nonce", nonce)
            .claim("azp", clientId)
            .claim("name", l.name)
            .claim("email", l.email)
            .claim("https://purl.imsglobal.org/spec/lti/claim/deployment_id", DEPLOYMENT_ID)
            .claim("https://purl.imsglobal.org/spec/lti/claim/message_type", l.messageType)
            .claim("https://purl.imsglobal.org/spec/lti/claim/version", "1.3.0")
            .claim("https://purl.imsglobal.org/spec/lti/claim/roles", l.roles)
            .claim("https://purl.imsglobal.org/spec/lti/claim/target_link_uri", redirectUri)
            .claim(
                "https://purl.imsglobal.org/spec/lti/claim/context",
                Map.of("id", l.contextId, "title", l.contextTitle, "label", l.contextId))
            .claim("https://purl.imsglobal.org/spec/lti/claim/custom", l.custom)
            .claim(
                "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
                Map.of("context_memberships_url", l.membershipsUrl, "service_versions", List.of("2.0")));
    if ("LtiDeepLinkingRequest".equals(l.messageType)) {
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("deep_link_return_url", l.deepLinkReturnUrl);
      settings.put("accept_types", List.of("ltiResourceLink"));
      settings.put("accept_presentation_document_targets", List.of("iframe", "window"));
      settings.put("accept_multiple", false);
      settings.put("auto_create", false);
      if (l.deepLinkData != null) {
        settings.put("data", l.deepLinkData);
      }
      b.claim("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings", settings);
    } else {
      b.claim(
          "https://purl.imsglobal.org/spec/lti/claim/resource_link",
          Map.of("id", l.resourceLinkId, "title", "Exercise link"));
      Map<String, Object> ags = new LinkedHashMap<>();
      ags.put(
          "scope",
          List.of(
              "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
              "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
              "https://purl.imsglobal.org/spec/lti-ags/scope/score"));
      ags.put("lineitems", lineItemsUrl());
      if (l.lineItemUrl != null) {
        ags.put("lineitem", l.lineItemUrl);
      }
      b.claim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint", ags);
    }
    l.tamper.accept(b);
    RSAKey key = l.signWith != null ? l.signWith : signingKey;
    String kid = l.signWith != null && l.kid != null ? l.kid : key.getKeyID();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build(), b.build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private void token(HttpExchange ex) throws Exception {
    String contentType = ex.getRequestHeaders().getFirst("Content-Type");
    Map<String, String> form =
        parseForm(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    tokenRequests.add(form);
    if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
      send(ex, 400, "application/json", "{\"error\":\"invalid_request\"}");
      return;
    }
    if (!"client_credentials".equals(form.get("grant_type"))
        || !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))
        || form.get("scope") == null) {
      send(ex, 400, "application/json", "{\"error\":\"invalid_request\"}");
      return;
    }
    if (!clientAssertionValid(form.get("client_assertion"))) {
      send(ex, 401, "application/json", "{\"error\":\"invalid_client\"}");
      return;
    }
    String token = UUID.randomUUID().toString();
    grantedScopes.put(token, List.of(form.get("scope").split(" ")));
    send(
        ex,
        200,
        "application/json",
        JSON.writeValueAsString(
            Map.of("access_token", token, "token_type", "Bearer", "expires_in", 3600, "scope", form.get("scope"))));
  }

  /** The assertion must be signed by a key the tool publishes at its JWKS URL (fetched for real). */
  private boolean clientAssertionValid(String assertion) throws Exception {
    SignedJWT jwt = SignedJWT.parse(assertion);
    HttpResponse<String> jwks =
        client.send(HttpRequest.newBuilder(URI.create(toolJwksUrl)).build(), HttpResponse.BodyHandlers.ofString());
    JWK key = JWKSet.parse(jwks.body()).getKeyByKeyId(jwt.getHeader().getKeyID());
    if (key == null || !jwt.verify(new RSASSAVerifier(key.toRSAKey()))) {
      return false;
    }
    JWTClaimsSet c = jwt.getJWTClaimsSet();
    return clientId.equals(c.getIssuer())
        && clientId.equals(c.getSubject())
        && c.getAudience().contains(authTokenUrl())
        && c.getExpirationTime().after(new Date())
        && c.getJWTID() != null;
  }

  private boolean authorized(HttpExchange ex, String scope) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ")) {
      return false;
    }
    List<String> scopes = grantedScopes.get(auth.substring("Bearer ".length()));
    return scopes != null && scopes.contains(scope);
  }

  private void score(HttpExchange ex) throws Exception {
    if (!"POST".equals(ex.getRequestMethod())) {
      send(ex, 405, "text/plain", "POST only");
      return;
    }
    // Moodle routes by the type_id query parameter: without it the post goes nowhere.
    if (!"type_id=1".equals(ex.getRequestURI().getRawQuery())) {
      send(ex, 404, "text/plain", "line item not found (query string lost?)");
      return;
    }
    if (!authorized(ex, "https://purl.imsglobal.org/spec/lti-ags/scope/score")) {
      send(ex, 401, "text/plain", "bad token");
      return;
    }
    if (!"application/vnd.ims.lis.v1.score+json".equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
      send(ex, 415, "text/plain", "score+json only");
      return;
    }
    byte[] body = ex.getRequestBody().readAllBytes();
    if (agsOutage) {
      refusedScorePosts.incrementAndGet();
      send(ex, 503, "text/plain", "maintenance");
      return;
    }
    String path = ex.getRequestURI().getPath();
    scores.add(
        new ReceivedScore(
            path.substring(0, path.length() - "/scores".length()),
            ex.getRequestURI().getRawQuery(),
            JSON.readTree(body)));
    send(ex, 200, "application/json", "{}");
  }

  private void results(HttpExchange ex) throws Exception {
    if (!authorized(ex, "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly")) {
      send(ex, 401, "text/plain", "bad token");
      return;
    }
    Map<String, String> q = parseForm(ex.getRequestURI().getRawQuery());
    String path = ex.getRequestURI().getPath();
    String lineItem = path.substring(0, path.length() - "/results".length());
    ArrayNode out = JSON.createArrayNode();
    Map<String, JsonNode> latest = new LinkedHashMap<>();
    for (ReceivedScore s : scores) {
      if (s.lineItemPath().equals(lineItem)) {
        latest.put(s.body().path("userId").asText(), s.body());
      }
    }
    latest.forEach(
        (user, score) -> {
          if (q.get("user_id") == null || q.get("user_id").equals(user)) {
            ObjectNode r = out.addObject();
            r.put("userId", user);
            r.put("resultScore", score.path("scoreGiven").asDouble());
            r.put("resultMaximum", score.path("scoreMaximum").asDouble());
          }
        });
    send(ex, 200, "application/vnd.ims.lis.v2.resultcontainer+json", JSON.writeValueAsString(out));
  }

  private void memberships(HttpExchange ex) throws Exception {
    if (!authorized(ex, "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly")) {
      send(ex, 401, "text/plain", "bad token");
      return;
    }
    String path = ex.getRequestURI().getPath();
    String contextId = path.split("/")[5];
    List<Member> all = rosters.getOrDefault(contextId, List.of());
    boolean secondPage = "page=2".equals(ex.getRequestURI().getRawQuery());
    int half = (all.size() + 1) / 2;
    List<Member> page = secondPage ? all.subList(half, all.size()) : all.subList(0, half);
    ObjectNode body = JSON.createObjectNode();
    body.put("id", issuer + path);
    body.putObject("context").put("id", contextId);
    ArrayNode members = body.putArray("members");
    for (Member m : page) {
      ObjectNode n = members.addObject();
      n.put("status", "Active");
      n.put("user_id", m.userId());
      n.put("name", m.name());
      n.put("email", m.email());
      ArrayNode roles = n.putArray("roles");
      m.roles().forEach(roles::add);
    }
    if (!secondPage) {
      ex.getResponseHeaders()
          .add("Link", "<" + issuer + path + "?page=2>; rel=\"next\"");
    }
    send(ex, 200, "application/vnd.ims.lti-nrps.v2.membershipcontainer+json", JSON.writeValueAsString(body));
  }

  private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  public static Map<String, String> parseForm(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  static String randomAlnum(int n) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    java.security.SecureRandom r = new java.security.SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
