package io.breakwater.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /q/openapi}: the JSON API with its security, and none of the HTML pages; Swagger UI without inline script. */
@QuarkusTest
class OpenApiDocumentTest {

    private static JsonNode document;

    @BeforeEach
    void load() throws Exception {
        if (document == null) {
            document = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                    .then().statusCode(200).extract().asString());
        }
    }

    static JsonNode operation(String method, String path) {
        JsonNode op = document.path("paths").path(path).path(method.toLowerCase());
        assertFalse(op.isMissingNode(), method + " " + path + " is in the document");
        return op;
    }

    /** The security alternatives as text: "AuthToken:[reprocess_crashes]", "anonymous" for an empty one. */
    static Set<String> security(String method, String path) {
        Set<String> out = new TreeSet<>();
        for (JsonNode requirement : operation(method, path).path("security")) {
            if (requirement.isEmpty()) {
                out.add("anonymous");
            }
            requirement.fields().forEachRemaining(e -> {
                List<String> scopes = new ArrayList<>();
                e.getValue().forEach(s -> scopes.add(s.asText()));
                out.add(e.getKey() + ":" + scopes);
            });
        }
        return out;
    }

    @Test
    void theAuthTokenHeaderIsTheSecurityScheme() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertEquals(1, schemes.size(), schemes.toString());
        JsonNode token = schemes.path(ApiDocument.AUTH_TOKEN);
        assertEquals("apiKey", token.path("type").asText());
        assertEquals("header", token.path("in").asText());
        assertEquals("Auth-Token", token.path("name").asText());
        assertEquals("Breakwater API", document.path("info").path("title").asText());
    }

    @Test
    void theApiIsListedWithThePermissionEachOperationNeeds() {
        Map<String, Set<String>> expected = new java.util.LinkedHashMap<>();
        expected.put("POST /api/Reprocessing", Set.of("AuthToken:[reprocess_crashes]"));
        expected.put("POST /api/upload-symbols", Set.of("AuthToken:[upload_symbols]"));
        expected.put("POST /api/SuperSearchCustom", Set.of("AuthToken:[run_custom_queries, view_pii]"));
        expected.put("DELETE /api/crashes/{crashId}", Set.of("AuthToken:[admin]"));
        expected.put("DELETE /symbols/{debugFile}/{debugId}/{name}", Set.of("AuthToken:[upload_symbols]"));
        expected.put("GET /api/internal/processor-stats", Set.of("AuthToken:[admin]"));
        for (String signatureLists : List.of("GET /api/signature-lists", "GET /api/signature-lists/versions/{id}",
                "POST /api/signature-lists/previews", "GET /api/signature-lists/runs/{id}",
                "POST /api/signature-lists/runs/{id}/apply", "POST /api/signature-lists/versions/{id}/rollback")) {
            expected.put(signatureLists, Set.of("AuthToken:[admin]"));
        }
        expected.put("GET /api/UnredactedCrash", Set.of("AuthToken:[view_pii]"));
        expected.put("POST /api/SignatureStatus", Set.of("AuthToken:[manage_signatures]"));
        for (String symupload : List.of("GET /api/symupload/v1/symbols/{debugFile}/{idAndVerb}",
                "POST /api/symupload/v1/{verb}", "PUT /api/symupload/v1/uploads/{uploadKey}",
                "POST /api/symupload/v1/uploads/{keyAndVerb}")) {
            expected.put(symupload, Set.of("AuthToken:[upload_symbols]"));
        }
        // A token only widens these: anonymous callers are served too.
        expected.put("GET /api/SuperSearch", Set.of("anonymous", "AuthToken:[]"));
        expected.put("GET /api/SuperSearchUnredacted", Set.of("anonymous", "AuthToken:[view_pii]"));
        expected.put("GET /api/ProcessedCrash", Set.of("anonymous", "AuthToken:[view_pii]"));
        expected.put("GET /api/RawCrash", Set.of("anonymous", "AuthToken:[view_pii]", "AuthToken:[view_rawdump]"));
        // Public.
        for (String open : List.of("POST /submit", "GET /api/SuperSearchFields", "POST /api/CrashSignature",
                "GET /api/SignatureFirstDate", "GET /api/SignatureStatus", "GET /api/ProductVersions", "GET /api/Platforms", "GET /api/NewSignatures", "GET /symbols/{debugFile}/{debugId}/{name}",
                "HEAD /symbols/{debugFile}/{debugId}/{name}", "GET /__heartbeat__", "GET /__lbheartbeat__",
                "GET /__version__")) {
            expected.put(open, Set.of());
        }
        expected.forEach((operation, security) -> {
            String[] parts = operation.split(" ", 2);
            assertEquals(security, security(parts[0], parts[1]), operation);
            JsonNode op = operation(parts[0], parts[1]);
            assertFalse(op.path("summary").asText().isBlank(), operation + " has a summary");
            assertEquals(1, op.path("tags").size(), operation + " has one tag");
            assertTrue(op.path("responses").size() > 0, operation + " documents its answers");
        });
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(operations()), "the document's operations");
        assertTrue(operation("GET", "/api/ProcessedCrash").path("parameters").toString().contains("\"crash_id\""));
        assertTrue(operation("POST", "/submit").path("requestBody").path("content").has("multipart/form-data"));
    }

    @Test
    void pagesAreNotInTheDocument() {
        for (Iterator<String> paths = document.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            assertTrue(path.startsWith("/api/") || path.equals("/submit") || path.startsWith("/symbols/")
                    || path.matches("/__[a-z]+__"), "not an API path: " + path);
            assertFalse(path.equals("/api/"), "the documentation page is a page");
        }
        Set<String> tags = new TreeSet<>();
        document.path("tags").forEach(t -> tags.add(t.path("name").asText()));
        assertEquals(Set.of(ApiDocument.SUBMISSION, ApiDocument.SEARCH, ApiDocument.CRASH_DATA, ApiDocument.REPROCESSING,
                ApiDocument.SIGNATURES, ApiDocument.SYMBOLS, ApiDocument.ADMINISTRATION, ApiDocument.OPERATIONS), tags);
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi: 3.1"))
                .body(not(containsString("/report/index"))).body(not(containsString("/admin/")));
    }

    @Test
    void swaggerUiStartsWithoutInlineScript() {
        String page = given().get("/q/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .extract().asString();
        assertFalse(page.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "no inline script:\n" + page);
        assertFalse(page.contains(" style="), "no inline style");
        assertTrue(page.contains("src=\"/static/swagger-ui-init.js\"") && page.contains("data-openapi=\"/q/openapi\""));
        given().redirects().follow(false).get("/q/swagger-ui").then().statusCode(302);
        given().get("/q/swagger-ui/index.html").then().statusCode(200).body(containsString("swagger-ui-init.js"));
        given().get("/static/swagger-ui-init.js").then().statusCode(200).body(containsString("SwaggerUIBundle"));
        given().get("/q/swagger-ui/swagger-ui-bundle.js").then().statusCode(200);
    }

    static List<String> operations() {
        List<String> out = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (Set.of("get", "put", "post", "delete", "head", "patch", "options").contains(m)) {
                out.add(m.toUpperCase() + " " + p.getKey());
            }
        }));
        return out;
    }
}
