package dev.arbiter.api.lti;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders {@link LtiProblem} as an RFC 9457 problem document. */
@Provider
public class LtiProblemMapper implements ExceptionMapper<LtiProblem> {

  @Override
  public Response toResponse(LtiProblem problem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", problem.title());
    body.put("status", problem.status());
    body.put("detail", problem.getMessage());
    return Response.status(problem.status())
        .type("application/problem+json")
        .header("Cache-Control", "no-store")
        .entity(body)
        .build();
  }
}
