package io.breakwater.web;

import io.breakwater.access.AuditLog;
import io.breakwater.access.Permission;
import io.breakwater.auth.Account;
import io.breakwater.processor.ProcessorRunningProfile;
import io.breakwater.queue.CrashQueue;
import io.breakwater.search.CrashIndexManager;
import io.breakwater.storage.CrashStorage;
import io.breakwater.testsupport.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signature workflow end to end: statuses set through the API and the signature page's form, the
 * permission they need, the history, Top Crashers' Status column and hide-ignored toggle, and regressions
 * flagged by crashes that go through the real collector and processor.
 */
@QuarkusTest
@TestProfile(ProcessorRunningProfile.class)
class SignatureWorkflowTest {

    /** A product of its own, so the counts other page tests assert are untouched. */
    static final String PRODUCT = "SigFlowApp";

    @Inject
    CrashStorage storage;

    @Inject
    CrashQueue queue;

    @Inject
    CrashIndexManager indexes;

    @Inject
    DataSource dataSource;

    private static String segvSignature;
    private static String fpeSignature;

    @BeforeEach
    void load() {
        WebCrashes.load(storage, queue, indexes);
        synchronized (SignatureWorkflowTest.class) {
            if (segvSignature == null) {
                Map<String, String> ids = new LinkedHashMap<>();
                ids.put("segv", submit("segv", "1.0"));
                ids.put("fpe", submit("fpe", "1.0"));
                WebCrashes.awaitProcessed(storage, queue, ids);
                indexes.refresh();
                segvSignature = signatureOf(ids.get("segv"));
                fpeSignature = signatureOf(ids.get("fpe"));
                assertFalse(segvSignature.equals(fpeSignature), "two different signatures to work with");
            }
        }
    }

    private static String submit(String corpusDir, String version) {
        return WebCrashes.submit(WebCrashes.GENERATED.resolve(corpusDir).resolve("crash.dmp"),
                Map.of("ProductName", PRODUCT, "Version", version, "ReleaseChannel", "release"));
    }

    private static String signatureOf(String crashId) {
        String signature = given().get("/api/ProcessedCrash?crash_id=" + crashId).then().statusCode(200)
                .extract().jsonPath().getString("signature");
        assertTrue(signature != null && !signature.isBlank(), "crash " + crashId + " has a signature");
        return signature;
    }

    private static Response post(String token, Map<String, Object> body) {
        return given().header("Auth-Token", token).contentType(ContentType.JSON).body(body).post("/api/SignatureStatus");
    }

    private static JsonPath status(String token, String signature) {
        var request = given().queryParam("signature", signature);
        if (token != null) request = request.header("Auth-Token", token);
        return request.get("/api/SignatureStatus").then().statusCode(200).extract().jsonPath();
    }

    private void awaitCrash(String crashId) {
        WebCrashes.awaitProcessed(storage, queue, Map.of("crash", crashId));
    }

    @Test
    void fixedSignatureCrashingInTheFixedVersionOrLaterIsFlaggedAsARegression() {
        String manager = TestAccounts.token(Permission.MANAGE_SIGNATURES);

        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("signature", segvSignature);
        fixed.put("status", "fixed");
        fixed.put("fixed_version", "2.0.0");
        fixed.put("assignee", "dev@test.example");
        fixed.put("note", "null check in the handler");
        fixed.put("bug_links", List.of("https://bugs.test.example/show_bug.cgi?id=11"));
        JsonPath after = post(manager, fixed).then().statusCode(200).extract().jsonPath();
        assertEquals("fixed", after.getString("status"));
        assertEquals("2.0.0", after.getString("fixed_version"));
        assertFalse(after.getBoolean("regression"));

        // A pre-release of the fixing version is older than the fix: no regression.
        String beta = submit("segv", "2.0.0-beta.3");
        awaitCrash(beta);
        String older = submit("segv", "1.10");
        awaitCrash(older);
        JsonPath still = status(manager, segvSignature);
        assertFalse(still.getBoolean("regression"), "2.0.0-beta.3 and 1.10 are before 2.0.0: " + still.prettify());

        String release = submit("segv", "2.0.0");
        awaitCrash(release);
        JsonPath regressed = status(manager, segvSignature);
        assertTrue(regressed.getBoolean("regression"), regressed.prettify());
        assertEquals("2.0.0", regressed.getString("regressed_version"));
        assertEquals(release, regressed.getString("regressed_crash_id"));
        List<Map<String, Object>> history = regressed.getList("history");
        Map<String, Object> last = history.get(history.size() - 1);
        assertEquals("regression", last.get("event"));
        assertEquals(release, last.get("crash_id"));
        assertEquals("2.0.0", last.get("version"));
        Map<String, Object> change = history.get(history.size() - 2);
        assertEquals("status", change.get("event"));
        assertEquals("fixed", change.get("to"));
        assertEquals("null check in the handler", change.get("note"));

        // A second crash after the fix does not add another regression entry.
        String again = submit("segv", "2.1");
        awaitCrash(again);
        JsonPath once = status(manager, segvSignature);
        assertEquals(history.size(), once.getList("history").size(), once.prettify());
        assertEquals(release, once.getString("regressed_crash_id"));

        // Top Crashers and the signature page both say so.
        String top = CrashStatsPagesTest.html("/topcrashers/?product=" + PRODUCT + "&days=7", 200);
        int row = top.indexOf(Links.signature(segvSignature).replace("&", "&amp;"));
        assertTrue(row > 0, top);
        String cells = top.substring(row, top.indexOf("</tr>", row));
        assertTrue(cells.contains("fixed in 2.0.0"), cells);
        assertTrue(cells.contains("badge regression"), cells);
        String page = CrashStatsPagesTest.html(Links.signature(segvSignature).replace(" ", "%20"), 200);
        assertTrue(page.contains("id=\"status-summary\""), page);
        assertTrue(page.contains("Crashed again in 2.0.0 after the fix in 2.0.0"), page);
        assertTrue(page.contains("href=\"/report/index/" + release + "\""), page);

        // Anonymous callers see the status but not who is on it or what they wrote.
        JsonPath anonymous = status(null, segvSignature);
        assertEquals("fixed", anonymous.getString("status"));
        assertTrue(anonymous.getBoolean("regression"));
        assertFalse(anonymous.prettify().contains("\"assignee\""), anonymous.prettify());
        assertFalse(anonymous.prettify().contains("null check in the handler"), anonymous.prettify());
        assertFalse(page.contains("dev@test.example"), "anonymous page hides the assignee");

        // A new fixed-in version starts over: the regression was about the old fix.
        fixed.put("fixed_version", "2.2");
        fixed.remove("note");
        JsonPath refixed = post(manager, fixed).then().statusCode(200).extract().jsonPath();
        assertFalse(refixed.getBoolean("regression"), refixed.prettify());
        assertNull(refixed.getString("regressed_crash_id"));
        assertEquals("null check in the handler", refixed.getString("note"), "a change without a note keeps it");

        List<AuditLog.Entry> audit = new AuditLog(dataSource, () -> "").recent(200, 0, "signature.");
        assertTrue(audit.stream().anyMatch(e -> e.target().equals(segvSignature)
                && e.details().contains("fixed in 2.0.0 → fixed in 2.2")), audit.toString());
    }

    @Test
    void changingAStatusNeedsThePermissionAndValidInput() {
        Map<String, Object> body = Map.of("signature", fpeSignature, "status", "open");
        given().contentType(ContentType.JSON).body(body).post("/api/SignatureStatus").then().statusCode(401);
        post(TestAccounts.token(Permission.VIEW_PII), body).then().statusCode(403)
                .body(containsString("manage_signatures"));

        String manager = TestAccounts.token(Permission.MANAGE_SIGNATURES);
        post(manager, Map.of("signature", fpeSignature, "status", "fixed")).then().statusCode(400)
                .body(containsString("fixed_version"));
        post(manager, Map.of("signature", fpeSignature, "status", "fixed", "fixed_version", "nightly"))
                .then().statusCode(400).body(containsString("start with a number"));
        post(manager, Map.of("signature", fpeSignature, "status", "closed")).then().statusCode(400)
                .body(containsString("new, open, fixed, ignored"));
        post(manager, Map.of("signature", fpeSignature, "status", "open", "bug_links", List.of("javascript:alert(1)")))
                .then().statusCode(400).body(containsString("http or https"));
        post(manager, Map.of("signature", "", "status", "open")).then().statusCode(400);
        given().header("Auth-Token", manager).contentType(ContentType.JSON).body("[1]").post("/api/SignatureStatus")
                .then().statusCode(400);
        given().get("/api/SignatureStatus").then().statusCode(400).body(containsString("signature is required"));

        // None of the refusals was stored.
        JsonPath untouched = status(manager, fpeSignature);
        assertFalse("nightly".equals(untouched.getString("fixed_version")), untouched.prettify());
        assertFalse(untouched.prettify().contains("closed"), untouched.prettify());
    }

    @Test
    void thePageFormSetsAStatusAndTopCrashersCanHideIgnoredSignatures() {
        Account manager = TestAccounts.user(Permission.MANAGE_SIGNATURES);
        TestAccounts.Browser browser = TestAccounts.login(manager);
        String signatureUrl = Links.signature(fpeSignature).replace(" ", "%20");

        String form = given().urlEncodingEnabled(false).cookie("bw_session", browser.sessionCookie())
                .get(signatureUrl).then().statusCode(200).extract().asString();
        assertTrue(form.contains("id=\"status-form\""), "the manager sees the form");
        assertTrue(form.contains("name=\"csrf_token\" value=\"" + browser.csrfToken() + "\""), form);

        // Without the anti-forgery token the form is refused.
        given().redirects().follow(false).cookie("bw_session", browser.sessionCookie())
                .formParam("signature", fpeSignature).formParam("status", "ignored").post("/signature/status")
                .then().statusCode(403);

        Response saved = given().redirects().follow(false).cookie("bw_session", browser.sessionCookie())
                .formParam("csrf_token", browser.csrfToken()).formParam("signature", fpeSignature)
                .formParam("status", "ignored").formParam("fixed_version", "9.9")
                .formParam("assignee", manager.email()).formParam("note", "harmless: a test crash")
                .formParam("bug_links", "https://bugs.test.example/1\nhttps://bugs.test.example/2")
                .post("/signature/status");
        assertEquals(303, saved.statusCode(), saved.asString());
        assertTrue(saved.getHeader("Location").endsWith("#status"), saved.getHeader("Location"));

        String page = given().urlEncodingEnabled(false).cookie("bw_session", browser.sessionCookie())
                .get(signatureUrl).then().statusCode(200).extract().asString();
        assertTrue(page.contains("<span class=\"status status-ignored\">ignored</span>"), page);
        assertTrue(page.contains("href=\"https://bugs.test.example/2\""), page);
        int history = page.indexOf("id=\"status-history\"");
        assertTrue(history > 0, page);
        String table = page.substring(history, page.indexOf("</table>", history));
        assertTrue(table.contains("→ ignored"), table);
        assertTrue(table.contains(manager.email()), table);
        assertTrue(table.contains("harmless: a test crash"), table);
        assertFalse(table.contains("9.9"), "a fixed-in version only goes with fixed");

        // Someone without the permission sees no form and cannot post one.
        Account reader = TestAccounts.user(Permission.VIEW_PII);
        TestAccounts.Browser other = TestAccounts.login(reader);
        String readerPage = given().urlEncodingEnabled(false).cookie("bw_session", other.sessionCookie())
                .get(signatureUrl).then().statusCode(200).extract().asString();
        assertFalse(readerPage.contains("id=\"status-form\""));
        assertTrue(readerPage.contains("harmless: a test crash"), "signed-in readers see the notes");
        given().redirects().follow(false).cookie("bw_session", other.sessionCookie())
                .formParam("csrf_token", other.csrfToken()).formParam("signature", fpeSignature)
                .formParam("status", "open").post("/signature/status").then().statusCode(403);
        String anonymousPage = CrashStatsPagesTest.html(signatureUrl, 200);
        assertFalse(anonymousPage.contains("harmless: a test crash"), "anonymous visitors do not");
        assertFalse(anonymousPage.contains("id=\"status-form\""));

        // Top Crashers shows the status, and hides the signature on request.
        String fpeLink = Links.signature(fpeSignature).replace("&", "&amp;");
        String all = CrashStatsPagesTest.html("/topcrashers/?product=" + PRODUCT + "&days=7", 200);
        int row = all.indexOf(fpeLink);
        assertTrue(row > 0, all);
        assertTrue(all.substring(row, all.indexOf("</tr>", row)).contains(">ignored</span>"));
        assertTrue(all.contains("href=\"/topcrashers/?product=" + PRODUCT + "&amp;days=7&amp;hide_ignored=1\""), all);
        String hidden = CrashStatsPagesTest.html("/topcrashers/?product=" + PRODUCT + "&days=7&hide_ignored=1", 200);
        assertFalse(hidden.contains(fpeLink), "the ignored signature is hidden");
        assertTrue(hidden.contains(Links.signature(segvSignature).replace("&", "&amp;")), "others stay");
        assertTrue(hidden.contains("Show ignored signatures"), hidden);
        assertTrue(hidden.contains("(1 in this list)"), hidden);
        CrashStatsPagesTest.html("/topcrashers/?product=" + PRODUCT + "&hide_ignored=maybe", 400);
    }
}
