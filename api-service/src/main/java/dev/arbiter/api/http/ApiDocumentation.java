package dev.arbiter.api.http;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** What {@code /q/openapi} says about the API as a whole. */
@OpenAPIDefinition(
    info = @Info(title = "Arbiter API", version = "1",
        description = "Distributed autograder: users, courses, exercises, test suites,"
            + " submissions and grades. Errors are RFC 9457 problem documents."),
    security = @SecurityRequirement(name = ApiDocumentation.BEARER))
@SecurityScheme(securitySchemeName = ApiDocumentation.BEARER, type = SecuritySchemeType.HTTP,
    scheme = "bearer", description = "An API token (ARBITER_BOOTSTRAP_TOKEN or one made by"
        + " POST /api/v1/users)")
public final class ApiDocumentation {

  static final String BEARER = "bearer";

  private ApiDocumentation() {}
}
