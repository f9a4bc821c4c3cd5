package dev.arbiter.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.api.problem.Problem;
import dev.arbiter.api.problem.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body whose declared length exceeds the HTTP limit with a 413 problem document, before
 * any of it is read. Vert.x would refuse it too, but with an empty body; clients of the contract
 * expect problem+json for every error. (A chunked body without a length that grows past the limit
 * is still cut off by Vert.x itself.)
 */
@ApplicationScoped
public class BodyLimitFilter {

  /** Runs before every other route. */
  static final int ORDER = Integer.MIN_VALUE + 100;

  private final long maxBodyBytes;
  private final String body;

  // Quarkus' own key, read here so this check and Vert.x's limit can never disagree.
  BodyLimitFilter(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max,
      ObjectMapper mapper) throws JsonProcessingException {
    this.maxBodyBytes = max.asLongValue();
    this.body = mapper.writeValueAsString(ProblemType.TOO_LARGE.with(
        "request body is larger than " + maxBodyBytes + " bytes"));
  }

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(ctx -> {
      String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
      if (length != null && declaredTooLarge(length)) {
        ctx.response().setStatusCode(413)
            .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
            .putHeader(HttpHeaders.CONNECTION, "close")
            .end(body);
        return;
      }
      ctx.next();
    });
  }

  private boolean declaredTooLarge(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBodyBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
