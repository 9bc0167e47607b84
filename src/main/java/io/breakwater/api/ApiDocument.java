package io.breakwater.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OpenAPI document's frame ({@code /q/openapi}, Swagger UI at {@code /q/swagger-ui}): title, tags and the
 * {@code Auth-Token} security scheme. Operations that need a permission name it as the scope of their
 * {@code AuthToken} requirement (OpenAPI 3.1 role names); operations a token only widens list an empty
 * requirement next to it. {@link ApiDocumentFilter} keeps the pages out.
 * <p>
 * An {@link Application} only because the OpenAPI scan reads the document-wide annotations from one; it sets
 * no path and lists no classes, so every resource stays where it is.
 */
@OpenAPIDefinition(
        info = @Info(title = "Breakwater API", version = "1",
                description = "Socorro-compatible crash-reporting API: crash submission, Super Search, crash data, "
                        + "reprocessing, symbols and signatures. Anonymous callers see public data only; an API "
                        + "token (made at /tokens/) sent as the Auth-Token header carries its permissions. "
                        + "Refusals are JSON: 401 without a (valid) token, 403 with the permission needed in "
                        + "permission_needed, 429 with Retry-After beyond the rate limits."),
        tags = {
                @Tag(name = ApiDocument.SUBMISSION, description = "Crash reporters (Breakpad, Crashpad, Electron) post crashes here"),
                @Tag(name = ApiDocument.SEARCH, description = "Super Search: Socorro's search grammar over processed crashes"),
                @Tag(name = ApiDocument.CRASH_DATA, description = "One crash: processed, raw annotations, dumps"),
                @Tag(name = ApiDocument.REPROCESSING, description = "Processing crashes again"),
                @Tag(name = ApiDocument.SIGNATURES, description = "Crash signatures"),
                @Tag(name = ApiDocument.SYMBOLS, description = "Breakpad symbol files: upload, download, delete"),
                @Tag(name = ApiDocument.ADMINISTRATION, description = "Operator endpoints (admin permission)"),
                @Tag(name = ApiDocument.OPERATIONS, description = "Dockerflow health and version endpoints")})
@SecurityScheme(securitySchemeName = ApiDocument.AUTH_TOKEN, type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER, apiKeyName = "Auth-Token",
        description = "An API token (bw_…) made on /tokens/ or with `admin create-token`; it holds the permissions "
                + "it was given that its owner still has.")
public class ApiDocument extends Application {

    /** Name of the security scheme in the document. */
    public static final String AUTH_TOKEN = "AuthToken";

    public static final String SUBMISSION = "Crash submission";
    public static final String SEARCH = "Super Search";
    public static final String CRASH_DATA = "Crash data";
    public static final String REPROCESSING = "Reprocessing";
    public static final String SIGNATURES = "Signatures";
    public static final String SYMBOLS = "Symbols";
    public static final String ADMINISTRATION = "Administration";
    public static final String OPERATIONS = "Operations";
}
