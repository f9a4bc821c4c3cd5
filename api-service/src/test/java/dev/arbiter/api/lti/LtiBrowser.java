package dev.arbiter.api.lti;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser does between the LMS and Arbiter during a launch, over real HTTP: follows the
 * tool's 302 to the LMS's auth URL, reads the auto-posting form the LMS answers with, and posts it
 * to the form's action. Redirects are never followed automatically so each hop can be asserted.
 */
public final class LtiBrowser {

  /** The auto-post form an LMS (or Arbiter, for deep linking) answers with. */
  public record AutoPostForm(String action, Map<String, String> fields) {}

  private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]*)\"");
  private static final Pattern INPUT =
      Pattern.compile("<input[^>]*name=\"([^\"]*)\"[^>]*value=\"([^\"]*)\"");

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String toolBase;

  public LtiBrowser(String toolBase) {
    this.toolBase = toolBase;
  }

  /** Login initiation as a GET with query parameters. */
  public HttpResponse<String> loginGet(Map<String, String> params) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(toolBase + "/lti/login?" + form(params))).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Login initiation as a form POST. */
  public HttpResponse<String> loginPost(Map<String, String> params) throws Exception {
    return postForm(toolBase + "/lti/login", params, null);
  }

  /** Follows a 302 to the LMS and returns the auto-post form it answers with. */
  public AutoPostForm followToPlatform(HttpResponse<String> redirect) throws Exception {
    String location = redirect.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> page =
        http.send(HttpRequest.newBuilder(URI.create(location)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (page.statusCode() != 200) {
      throw new AssertionError("platform auth answered " + page.statusCode() + ": " + page.body());
    }
    return parseAutoPost(page.body());
  }

  public HttpResponse<String> submit(AutoPostForm form) throws Exception {
    return postForm(form.action(), form.fields(), null);
  }

  public HttpResponse<String> postForm(String url, Map<String, String> fields, String cookie) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String pathOrUrl, String cookie) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : toolBase + pathOrUrl)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Login initiation by GET, the LMS's auth hop, and the launch POST: what one click in the LMS does. */
  public HttpResponse<String> launch(TestLtiPlatform platform, TestLtiPlatform.Launch launch) throws Exception {
    HttpResponse<String> login = loginGet(loginParams(platform, launch));
    if (login.statusCode() != 302) {
      throw new AssertionError("login initiation answered " + login.statusCode() + ": " + login.body());
    }
    return submit(followToPlatform(login));
  }

  public Map<String, String> loginParams(TestLtiPlatform platform, TestLtiPlatform.Launch launch) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("iss", platform.issuer());
    p.put("login_hint", launch.loginHint);
    p.put("target_link_uri", toolBase + "/lti/launch");
    p.put("lti_message_hint", "{\"cmid\":42,\"launchid\":\"ltilaunch1_" + launch.loginHint + "\"}");
    p.put("client_id", platform.clientId());
    p.put("lti_deployment_id", TestLtiPlatform.DEPLOYMENT_ID);
    return p;
  }

  /** {@code name=value} of the first Set-Cookie header naming this cookie, ready for a Cookie header. */
  public static String cookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .map(c -> c.split(";", 2)[0])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers().map()));
  }

  public static AutoPostForm parseAutoPost(String html) {
    Matcher action = FORM_ACTION.matcher(html);
    if (!action.find()) {
      throw new AssertionError("no form in " + html);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher input = INPUT.matcher(html);
    while (input.find()) {
      fields.put(unescape(input.group(1)), unescape(input.group(2)));
    }
    return new AutoPostForm(unescape(action.group(1)), fields);
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&#x2F;", "/").replace("&#47;", "/").replace("&amp;", "&");
  }

  public static String form(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach(
        (k, v) -> {
          if (v == null) {
            return;
          }
          if (sb.length() > 0) {
            sb.append('&');
          }
          sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return sb.toString();
  }
}
