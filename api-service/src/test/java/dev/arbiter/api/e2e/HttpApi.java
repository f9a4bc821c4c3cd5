package dev.arbiter.api.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client of the public API (CONTRACT.md), as any outside tool would use it. */
public final class HttpApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public HttpApi(String base) {
    this.base = base;
  }

  public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public Reply call(String method, String path, String token, Object body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    headers.forEach(b::header);
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(
          body instanceof String s ? s : JSON.writeValueAsString(body)));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode parsed = null;
    if (r.body() != null && !r.body().isBlank()) {
      try {
        parsed = JSON.readTree(r.body());
      } catch (IOException e) {
        parsed = null;
      }
    }
    return new Reply(r.statusCode(), parsed, r);
  }

  public Reply call(String method, String path, String token, Object body)
      throws IOException, InterruptedException {
    return call(method, path, token, body, Map.of());
  }

  /** Sends and insists on the expected status, showing the body when it differs. */
  public JsonNode expect(int status, String method, String path, String token, Object body)
      throws IOException, InterruptedException {
    Reply r = call(method, path, token, body);
    if (r.status() != status) {
      throw new AssertionError(method + " " + path + " -> " + r.status() + " (expected " + status
          + "): " + r.raw().body());
    }
    return r.body();
  }

  /** Polls the submission until it is GRADED or FAILED_INFRA, or the wait runs out. */
  public JsonNode awaitFinal(String submissionId, String token, Duration wait)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = expect(200, "GET", "/api/v1/submissions/" + submissionId, token, null);
      String status = last.path("status").asText();
      if (status.equals("GRADED") || status.equals("FAILED_INFRA")) {
        return last;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("submission " + submissionId + " not final after " + wait + ": " + last);
  }
}
