package io.breakwater.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /api/}: every operation of the OpenAPI document, with access and a curl example; no script, nothing inline. */
@QuarkusTest
class ApiDocsPageTest {

    @Test
    void thePageListsEveryOperationOfTheOpenApiDocument() throws Exception {
        String page = given().get("/api/").then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
        JsonNode document = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").asString());
        List<String> missing = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (Set.of("get", "put", "post", "delete", "head", "patch").contains(m)
                    && !page.contains("data-endpoint=\"" + m.toUpperCase() + " " + p.getKey() + "\"")) {
                missing.add(m.toUpperCase() + " " + p.getKey());
            }
        }));
        assertEquals(List.of(), missing, "operations of /q/openapi that /api/ does not describe");
    }

    @Test
    void endpointsShowAccessParametersAndCurlWithTheTokenWhereNeeded() {
        String page = given().get("/api/").then().statusCode(200).extract().asString();
        String reprocessing = section(page, "POST /api/Reprocessing");
        assertTrue(reprocessing.contains("Needs a token with reprocess_crashes"), reprocessing);
        assertTrue(reprocessing.contains("curl -H &quot;Auth-Token: $BREAKWATER_TOKEN&quot;"), reprocessing);
        assertTrue(reprocessing.contains("crash_ids"), "parameters are listed");
        String search = section(page, "GET /api/SuperSearch");
        assertTrue(search.contains("Public") && search.contains("curl &#39;http://localhost:"), search);
        assertFalse(search.contains("Auth-Token:"), "no token in a public example");
        assertTrue(section(page, "GET /api/RawCrash").contains("view_rawdump"));
        assertTrue(page.contains("href=\"/q/swagger-ui/\"") && page.contains("href=\"/api/SuperSearchFields\""));
    }

    @Test
    void thePageIsPlainHtmlThatTheCspAllowsAndTheSiteLinksToIt() {
        String page = given().get("/api/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'")).extract().asString();
        assertFalse(Pattern.compile("<script", Pattern.CASE_INSENSITIVE).matcher(page).find(), "no script at all");
        assertFalse(Pattern.compile("\\sstyle=|<style|\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(page).find(),
                "no inline style or event handler");
        given().get("/").then().statusCode(200).body(containsString("<a href=\"/api/\" id=\"api-link\">API</a>"));
        given().get("/api").then().statusCode(200).body(containsString("data-endpoint=\"POST /submit\""));
        // The JSON API under /api/ is untouched by the page.
        given().get("/api/SuperSearchFields").then().statusCode(200).contentType(containsString("json"));
    }

    private static String section(String page, String endpoint) {
        int start = page.indexOf("data-endpoint=\"" + endpoint + "\"");
        assertTrue(start >= 0, endpoint + " is on the page");
        int end = page.indexOf("</section>", start);
        return page.substring(start, end);
    }
}
