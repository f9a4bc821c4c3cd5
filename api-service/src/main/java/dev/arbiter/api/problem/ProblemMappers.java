package dev.arbiter.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one family of exception mappers: every error leaves as an RFC 9457 problem document. Details
 * are written here from what the client sent, never from exception messages that could carry Java
 * class names, SQL or stack traces.
 */
public class ProblemMappers {

  /** How long clients should wait before retrying while the database is unreachable. */
  static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    Response.ResponseBuilder r = build(e.problem(), e.retryAfter());
    if (e.type() == ProblemType.UNAUTHORIZED) {
      r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return r.build();
  }

  @ServerExceptionMapper
  public Response jsonSyntax(StreamReadException e) {
    // Jackson's original message for a syntax error names the offending character or the
    // duplicated key, never a Java type.
    return build(ProblemType.MALFORMED_JSON.with("request body is not valid JSON: "
        + e.getOriginalMessage()), null).build();
  }

  @ServerExceptionMapper
  public Response jsonMapping(JsonMappingException e) {
    // Jackson wraps syntax errors met while binding a field (a truncated body, a duplicated key)
    // in a mapping exception; they are still malformed JSON.
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof StreamReadException s) {
        return jsonSyntax(s);
      }
    }
    String path = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
    String detail = path.isEmpty()
        ? "request body does not have the expected shape"
        : "field '" + path + "' has the wrong type or value";
    return build(ProblemType.INVALID_REQUEST.with(detail), null).build();
  }

  /** Overrides Quarkus' built-in mapper, whose body is not a problem document. */
  @ServerExceptionMapper
  public Response jsonMismatch(MismatchedInputException e) {
    return jsonMapping(e);
  }

  @ServerExceptionMapper
  public Response jsonOther(JsonProcessingException e) {
    return build(ProblemType.MALFORMED_JSON.with("request body is not valid JSON"), null).build();
  }

  @ServerExceptionMapper
  public Response validation(ConstraintViolationException e) {
    return build(ProblemType.INVALID_REQUEST.with(violations(e)), null).build();
  }

  /** "field: message; field: message", sorted: the detail of a bean-validation problem. */
  public static String violations(ConstraintViolationException e) {
    return e.getConstraintViolations().stream()
        .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
        .sorted().collect(Collectors.joining("; "));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    Throwable cause = e.getCause();
    if (cause instanceof StreamReadException s) {
      return jsonSyntax(s);
    }
    if (cause instanceof JsonMappingException m) {
      return jsonMapping(m);
    }
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    ProblemType type = ProblemType.forStatus(status);
    String detail = switch (status) {
      case 400 -> "the request could not be read";
      case 404 -> "no such resource";
      case 405 -> "method not allowed on this resource";
      case 406 -> "cannot produce a representation the client accepts";
      case 413 -> "request body is too large";
      case 415 -> "the request body must be application/json";
      default -> type.title();
    };
    return Response.status(status).type(Problem.MEDIA_TYPE)
        .entity(new Problem(type.uri(), type.title(), status, detail)).build();
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e) {
    if (DatabaseOutage.isCause(e)) {
      Log.warnf("database unavailable: %s", e.toString());
      return build(ProblemType.UNAVAILABLE.with("the database is unavailable; try again later"),
          DATABASE_RETRY_AFTER).build();
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      // A concurrent request won a uniqueness race the service's own check could not see
      // (same e-mail, same slug at the same moment).
      if (t instanceof org.hibernate.exception.ConstraintViolationException c
          && c.getKind() == ConstraintKind.UNIQUE) {
        return build(ProblemType.CONFLICT.with("conflicts with data written concurrently"), null)
            .build();
      }
    }
    Log.error("unhandled error", e);
    return build(ProblemType.INTERNAL.with("an internal error occurred"), null).build();
  }

  static Response.ResponseBuilder build(Problem problem, Duration retryAfter) {
    Response.ResponseBuilder r =
        Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    if (retryAfter != null) {
      r.header(HttpHeaders.RETRY_AFTER, Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }
    return r;
  }

  private static String lastNode(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }
}
