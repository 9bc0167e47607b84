package io.breakwater.web;

import io.breakwater.queue.CrashQueue;
import io.breakwater.search.CrashIndexManager;
import io.breakwater.storage.CrashIds;
import io.breakwater.storage.CrashStorage;
import io.breakwater.processor.ProcessorRunningProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Crash Stats pages over the generated corpus submitted through /submit and processed. */
@QuarkusTest
@TestProfile(ProcessorRunningProfile.class)
class CrashStatsPagesTest {

    @Inject
    CrashStorage storage;

    @Inject
    CrashQueue queue;

    @Inject
    CrashIndexManager indexes;

    @Inject
    DataSource dataSource;

    Map<String, String> ids;

    @BeforeEach
    void load() {
        ids = WebCrashes.load(storage, queue, indexes);
    }

    static String html(String path, int status) {
        Response r = given().urlEncodingEnabled(false).redirects().follow(false).get(path);
        assertEquals(status, r.statusCode(), () -> path + " answered " + r.statusCode() + ": " + r.asString());
        assertTrue(r.contentType().startsWith("text/html"), path + " content type " + r.contentType());
        return r.asString();
    }

    static String title(String html) {
        Matcher m = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "page has a title");
        return m.group(1).strip();
    }

    static String h1(String html) {
        Matcher m = Pattern.compile("<h1>(.*?)</h1>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "page has an h1");
        return m.group(1).replaceAll("<[^>]+>", "").strip();
    }

    @Test
    void homeListsProductsAndVersionsWithCountsAndTopCrashersLinks() {
        String page = html("/", 200);
        assertEquals("Products – Breakwater Crash Stats", title(page));
        assertEquals("Products", h1(page));
        assertTrue(page.contains("<a href=\"/home/product/WebTestApp\">WebTestApp</a>"), page);
        assertTrue(page.contains("/topcrashers/?product=WebTestApp&amp;version=1.0.3&amp;days=7"), page);
        assertTrue(page.contains("/topcrashers/?product=WebTestApp&amp;version=1.0.4&amp;days=7"), page);
        // 9 DWARF 4 dumps as 1.0.4; the rest (and the hostile crash) as 1.0.3.
        long dwarf4 = ids.keySet().stream().filter(k -> k.startsWith("dwarf4/")).count();
        assertTrue(page.matches("(?s).*<td>1\\.0\\.4</td><td class=\"num\">" + dwarf4 + "</td>.*"), page);
    }

    @Test
    void productPageSplitsVersionsByProcessType() {
        String page = html("/home/product/WebTestApp", 200);
        assertEquals("WebTestApp – Breakwater Crash Stats", title(page));
        assertTrue(page.contains("content ("), "1.0.4 crashes are content processes: " + page);
        assertTrue(page.contains("process_type=content"), page);
        html("/home/product/WebTestApp?days=5", 400);
    }

    @Test
    void topCrashersRankSignaturesWithCountsPlatformsFirstSeenAndInstallations() {
        String page = html("/topcrashers/?product=WebTestApp&version=1.0.3&days=7", 200);
        assertEquals("Top Crashers for WebTestApp 1.0.3 – Breakwater Crash Stats", title(page));
        assertEquals("Top Crashers for WebTestApp 1.0.3", h1(page));
        // segv is submitted twice (corpus and hostile crash) in 1.0.3: it ranks first.
        Matcher first = Pattern.compile("<tr>\\s*<td class=\"num\">1</td>\\s*<td class=\"num (rank-\\w+)\">(\\S+)</td>\\s*"
                + "<td class=\"signature\"><a href=\"([^\"]+)\">([^<]+)</a></td>\\s*"
                + "<td class=\"status-cell\"><span class=\"status status-\\w+\">[^<]+</span>.*?</td>\\s*"
                + "<td class=\"num\">(\\d+)</td>").matcher(page);
        assertTrue(first.find(), page);
        assertEquals("store_value", first.group(4));
        assertEquals("/signature/?signature=store_value", first.group(3));
        assertEquals("2", first.group(5));
        assertEquals("new", first.group(2), "no crashes in the previous window");
        assertTrue(page.contains("<th scope=\"col\" class=\"num os\">Linux</th>"), "a column per OS: " + page);
        assertTrue(page.contains("<td class=\"num os\" title=\"Linux: 2 (100.00 %)\">2 "), page);
        assertTrue(page.contains("<span class=\"badge new\""), page);
        assertTrue(page.contains(LocalDate.now(ZoneOffset.UTC).toString()), "first seen today: " + page);

        String content = html("/topcrashers/?product=WebTestApp&process_type=content&days=1", 200);
        assertTrue(content.contains(">divide</a>"), "DWARF 4 builds run as content processes: " + content);
        assertTrue(content.contains("aria-current=\"page\" class=\"current\">content</a>"), content);

        html("/topcrashers/?product=WebTestApp&days=5", 400);
        String chooser = html("/topcrashers/", 200);
        assertTrue(chooser.contains("/topcrashers/?product=WebTestApp&amp;days=7"), chooser);
    }

    @Test
    void fieldDictionaryDescribesEveryFieldAndMarksTheProtectedOnes() {
        String page = html("/search/fields/", 200);
        assertEquals("Super Search fields", h1(page));
        assertTrue(page.contains("<tr id=\"field-signature\">"), page);
        assertTrue(page.contains("The crash signature"), "descriptions from the registry: " + page);
        Matcher email = Pattern.compile("<tr id=\"field-email\" class=\"protected\">(.*?)</tr>", Pattern.DOTALL).matcher(page);
        assertTrue(email.find(), "email is marked protected: " + page);
        assertTrue(email.group(1).contains("needs view_pii"), "anonymous callers are told what they lack: " + email.group(1));
        assertTrue(page.contains("href=\"/search/?signature=%7Etext\""), "an example search per field: " + page);
        assertTrue(page.contains(">signature=~text</a>"), "shown as typed: " + page);
        assertTrue(page.contains("href=\"/search/?_facets=platform\""), "facet links: " + page);
        assertTrue(page.contains("Searching or seeing them needs the protected-data permission"), page);
    }

    @Test
    void signatureReportHasSummariesGraphAndReports() {
        String page = html("/signature/?signature=store_value", 200);
        assertEquals("Signature report for store_value – Breakwater Crash Stats", title(page));
        assertEquals("Signature report", h1(page));
        assertTrue(page.contains("<h3>Operating system</h3>"), page);
        assertTrue(page.contains("<td class=\"term\">Linux</td>"), page);
        assertTrue(page.contains("<td class=\"term\">amd64</td>"), page);
        assertTrue(page.contains("WebTestApp 1.0.3"), page);
        assertTrue(page.contains("WebTestApp 1.0.4"), page);
        assertTrue(page.contains("<svg class=\"graph\""), page);
        assertTrue(page.contains("<polyline class=\"series s0\""), page);
        assertTrue(page.contains("href=\"/report/index/" + ids.get("segv") + "\""), page);
        assertTrue(page.contains("href=\"/report/index/" + ids.get("dwarf4/segv") + "\""), page);
        assertFalse(page.contains(ids.get("fpe")), "other signatures' reports are not listed");

        String columns = html("/signature/?signature=store_value&_columns=uuid&_columns=reason", 200);
        assertTrue(columns.contains("title=\"Sort by reason\">reason</a>"), columns);
        assertFalse(columns.contains("title=\"Sort by build_id\""), columns);
        assertTrue(columns.contains("SIGSEGV"), columns);

        html("/signature/", 400);
    }

    @Test
    void superSearchPageShowsResultsFacetsAndTheApiUrl() {
        String page = html("/search/?product=WebTestApp&signature=~store&_facets=signature&_facets=version&_columns=uuid&_columns=signature&_columns=version", 200);
        assertEquals("Super Search – Breakwater Crash Stats", title(page));
        assertEquals("Super Search", h1(page));
        assertTrue(page.contains("href=\"/api/SuperSearch?product=WebTestApp&amp;signature=%7Estore&amp;_facets=signature&amp;_facets=version"), page);
        assertTrue(page.contains("id=\"facet-version\""), page);
        assertTrue(page.contains("<a href=\"/signature/?signature=store_value\">store_value</a>"), page);
        assertTrue(page.contains("Results 1–3 of 3."), page);
        // The row of the query is back in the form.
        assertTrue(page.contains("<option value=\"signature\" selected>"), page);
        assertTrue(page.contains("<option value=\"~\" selected>contains</option>"), page);
        assertTrue(page.contains("value=\"store\""), page);

        String bad = html("/search/?no_such_field=1", 400);
        assertTrue(bad.contains("Unknown field &quot;no_such_field&quot;"), bad);
        String prot = html("/search/?url=~private", 403);
        assertTrue(prot.contains("is protected"), prot);
    }

    @Test
    void searchFormRowsBecomeTheApiGrammar() {
        Response r = given().redirects().follow(false)
                .queryParam("_form", "1")
                .queryParam("f", "signature", "version", "").queryParam("o", "!~", "=", "")
                .queryParam("v", "divide", "1.0.3", "")
                .queryParam("_columns", "uuid").queryParam("_sort", "date").queryParam("_sort_dir", "desc")
                .queryParam("_results_number", "25")
                .get("/search/");
        assertEquals(303, r.statusCode());
        String location = r.header("Location");
        assertTrue(location.endsWith("/search/?signature=%21%7Edivide&version=%3D1.0.3&_columns=uuid&_sort=-date&_results_number=25"), location);
        String page = html(location.substring(location.indexOf("/search/")), 200);
        assertFalse(page.contains(">divide<"), page);
        assertTrue(page.contains("<option value=\"!~\" selected>does not contain</option>"), page);
    }

    @Test
    void quickSearchJumpsToReportsOrSearchesSignatures() {
        String id = ids.get("segv");
        Response byId = given().redirects().follow(false).queryParam("query", " BP-" + id.toUpperCase() + " ").get("/search/quick");
        assertEquals(303, byId.statusCode());
        assertTrue(byId.header("Location").endsWith("/report/index/" + id), byId.header("Location"));
        Response bySignature = given().redirects().follow(false).queryParam("query", "store_value").get("/search/quick");
        assertEquals(303, bySignature.statusCode());
        assertTrue(bySignature.header("Location").endsWith("/search/?signature=%7Estore_value"), bySignature.header("Location"));
    }

    @Test
    void reportIndexShowsTheSymbolicatedCrashingThreadModulesAndAnnotations() {
        String id = ids.get("segv");
        for (String path : new String[] {"/report/index/" + id, "/report/index/bp-" + id}) {
            String page = html(path, 200);
            assertEquals("store_value – crash report bp-" + id + " – Breakwater Crash Stats", title(page));
            assertEquals("Crash report bp-" + id, h1(page));
        }
        String page = html("/report/index/bp-" + id, 200);
        assertTrue(page.contains("SIGSEGV"), page);
        assertTrue(page.contains("<th scope=\"row\">Version</th><td>1.0.3</td>"), page);
        assertTrue(page.contains("<th scope=\"row\">Release channel</th><td>nightly</td>"), page);
        assertTrue(page.contains("<th scope=\"row\">CPU architecture</th><td>amd64</td>"), page);
        // Inline frames from the symbols, with source file and line, then the physical frame.
        int inline = page.indexOf("<span class=\"badge inline-badge\">inlined</span> store_value");
        int physical = page.indexOf(">SegvCallback<");
        assertTrue(inline > 0 && physical > inline, page);
        assertTrue(page.contains("/src/crashgen/crashgen.cc:151"), page);
        assertTrue(page.contains("<td>cfi</td>"), page);
        assertTrue(page.contains("<details id=\"other-threads\">"), "other threads folded: " + page);
        assertTrue(page.contains("id=\"thread-0-frames\""), "other threads are in the page: " + page);
        assertTrue(html("/report/index/" + id + "?all_threads=1", 200).contains("<details id=\"other-threads\" open>"));
        assertTrue(page.contains("<span class=\"badge missing\">missing symbols</span>"), "linux-gate.so has no symbols");
        assertTrue(page.contains("<th scope=\"row\">ProductName</th><td class=\"value\">WebTestApp</td>"), page);
        assertTrue(page.contains("id=\"protected-hidden\""), page);
        assertFalse(page.contains("install-"), "InstallID is protected: " + page);
        assertTrue(page.contains("href=\"/api/ProcessedCrash?crash_id=" + id + "\""), page);
        assertTrue(page.contains("id=\"processor-notes\""), page);
    }

    @Test
    void hostileAnnotationValuesAreInertAndReadable() {
        String id = ids.get("hostile");
        String page = html("/report/index/" + id, 200);
        assertFalse(page.contains("<script>window.__pwned"), "script is not markup");
        assertFalse(page.contains("<img src=x"), "img is not markup");
        assertTrue(page.contains("&lt;script&gt;window.__pwned = true;"), page);
        assertTrue(page.contains("bell\u2407 nul\u2400 esc\u241b[31m rlo\\u202eevil"), "controls made visible: " + page);
        assertFalse(page.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t'), "no raw controls");
        assertTrue(page.contains("characters in all]"), "the 10 KB value is cut");
        assertFalse(page.contains("private.example"), "URL is protected");
        assertFalse(page.contains("protected comment"), "comments are protected");

        String search = html("/search/?uuid=" + id + "&_columns=uuid&_columns=app_notes", 200);
        assertFalse(search.contains("<script>window.__pwned"), search);
        assertTrue(search.contains("&lt;script&gt;window.__pwned"), search);
    }

    @Test
    void pendingAndNotFoundAreExplicitPages() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String received = CrashIds.create(today, 0);
        Path dump = Files.createTempFile("pending", ".dmp");
        try {
            Files.write(dump, new byte[] {1, 2, 3});
            storage.saveCrash(received, Map.of("uuid", received, "ProductName", "WebTestApp"), Map.of("upload_file_minidump", dump));
        } finally {
            Files.deleteIfExists(dump);
        }
        String page = html("/report/index/" + received, 200);
        assertEquals("Crash report pending – Breakwater Crash Stats", title(page));
        assertTrue(page.contains("not processed yet"), page);

        String queued = CrashIds.create(today, 0);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO crash_queue (crash_id, lane, available_at) VALUES (?, 'STANDARD', now() + interval '1 day')")) {
            ps.setString(1, queued);
            ps.executeUpdate();
        }
        String queuedPage = html("/report/index/bp-" + queued, 200);
        assertTrue(queuedPage.contains("queued for processing"), queuedPage);
        assertTrue(queuedPage.contains("http-equiv=\"refresh\""), queuedPage);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM crash_queue WHERE crash_id = ?")) {
            ps.setString(1, queued);
            ps.executeUpdate();
        }

        String missing = html("/report/index/" + CrashIds.create(today, 0), 404);
        assertEquals("Crash not found – Breakwater Crash Stats", title(missing));
        String malformed = html("/report/index/not-a-crash-%3Cscript%3E", 400);
        assertFalse(malformed.contains("<script>"), malformed);
        assertTrue(malformed.contains("&lt;script&gt;"), malformed);
    }
}
