package io.breakwater.access;

import io.breakwater.minidump.Cpu;
import io.breakwater.minidump.synth.SynthMinidump;
import io.breakwater.processor.ProcessorRunningProfile;
import io.breakwater.queue.CrashQueue;
import io.breakwater.search.CrashIndexManager;
import io.breakwater.storage.CrashStorage;
import io.breakwater.symbolstore.SymbolTestFiles;
import io.breakwater.symbolstore.SymbolUploads;
import io.breakwater.testsupport.RegisteredRoutes;
import io.breakwater.testsupport.RegisteredRoutes.Endpoint;
import io.breakwater.testsupport.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An anonymous crawl of every GET endpoint and page the application registers, with Super Search's
 * columns, facets, aggregations, histograms, sorts and filters aimed at protected fields, over crashes
 * submitted with {@code URL}, {@code Email}, {@code Comments} and an unknown custom annotation: none of
 * those values may come back. Also: no state-changing endpoint but the public ones works anonymously.
 */
@QuarkusTest
@TestProfile(ProcessorRunningProfile.class)
class AnonymousCrawlTest {

    static final String URL = "https://crawl-secret.example/inbox?sessionid=CRAWLSECRET1";
    static final String EMAIL = "crawl.person@secret-mail.example";
    static final String COMMENTS = "CRAWL-COMMENT my bank password is hunter2";
    static final String CUSTOM = "CRAWL-CUSTOM-VALUE-7731";
    static final List<String> SECRETS = List.of(URL, "CRAWLSECRET1", "crawl-secret.example", EMAIL,
            "secret-mail.example", COMMENTS, "hunter2", CUSTOM);
    static final String PRODUCT = "CrawlApp";
    static final Path SEGV = Path.of("..", "shared", "corpus", "generated", "segv", "crash.dmp");

    /**
     * POST/PUT/DELETE routes anyone may use: crash submission, the login form, signature computation, and
     * logout (which ends nothing without a session).
     */
    static final Set<String> PUBLIC_CHANGES = Set.of("POST /submit", "POST /login", "POST /api/CrashSignature",
            "POST /logout");

    /** Query strings tried on every GET route: plain ones, and ones aimed at protected data. */
    static final List<String> PROBES = List.of(
            "",
            "crash_id={crashId}",
            "crash_id={crashId}&format=raw",
            "crash_id={crashId}&datatype=unredacted",
            "signature={signature}",
            "product=" + PRODUCT,
            "product=" + PRODUCT + "&_columns=url&_columns=email&_columns=user_comments&_columns=signature",
            "product=" + PRODUCT + "&_facets=url&_facets=email&_facets=user_comments",
            "product=" + PRODUCT + "&_aggs.signature=url&_aggs.signature=email",
            "product=" + PRODUCT + "&_aggs.product.signature=user_comments",
            "product=" + PRODUCT + "&_histogram.date=url&_histogram.date=email",
            "product=" + PRODUCT + "&_sort=url&_columns=uuid",
            // Filters on protected fields (values that match the secrets without being them: the crawl must
            // not find its own query echoed back).
            "url=~inbox&email=~person&user_comments=~bank",
            "url=__null__&_columns=url",
            "product=" + PRODUCT + "&_facets=signature&_columns=install_id",
            "query={crashId}",
            "query=person",
            "all_threads=1");

    private static final Map<String, String> IDS = new LinkedHashMap<>();
    private static String symbolPath;
    private static String signature;

    @Inject
    CrashStorage storage;

    @Inject
    CrashQueue queue;

    @Inject
    CrashIndexManager indexes;

    @BeforeEach
    void submitCrashes() throws Exception {
        if (!IDS.isEmpty()) {
            return;
        }
        byte[] dump = Files.isRegularFile(SEGV) ? Files.readAllBytes(SEGV)
                : SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX).build();
        for (String version : List.of("7.0.1", "7.0.2")) {
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("ProductName", PRODUCT);
            annotations.put("Version", version);
            annotations.put("URL", URL);
            annotations.put("Email", EMAIL);
            annotations.put("Comments", COMMENTS);
            annotations.put("MyCustomSecret", CUSTOM);
            annotations.put("InstallID", "CRAWLSECRET1-install");
            IDS.put(version, submit(dump, annotations));
        }
        long deadline = System.nanoTime() + 300_000_000_000L;
        for (String id : IDS.values()) {
            while (!storage.processedCrashExists(id) || !queue.findByCrashId(id).isEmpty()) {
                if (System.nanoTime() > deadline) fail("crash " + id + " was not processed");
                Thread.sleep(200);
            }
        }
        indexes.refresh();
        signature = String.valueOf(storage.loadProcessedCrash(IDS.get("7.0.1")).orElseThrow().get("signature"));
        String debugId = SymbolTestFiles.freshDebugId();
        symbolPath = "libcrawl.so/" + debugId + "/libcrawl.so.sym";
        SymbolUploads.upload(SymbolTestFiles.zip(symbolPath, SymbolTestFiles.tinySymbols("libcrawl.so", debugId, "f")));
    }

    @Test
    void theCrashesHoldTheSecretsThatTheCrawlLooksFor() {
        // Without this, a crawl that finds nothing would prove nothing.
        String token = TestAccounts.token(Permission.VIEW_PII);
        String id = IDS.get("7.0.1");
        String processed = given().header("Auth-Token", token).queryParam("crash_id", id).get("/api/ProcessedCrash")
                .then().statusCode(200).extract().asString();
        String raw = given().header("Auth-Token", token).queryParam("crash_id", id).get("/api/RawCrash")
                .then().statusCode(200).extract().asString();
        for (String secret : List.of(URL, COMMENTS)) {
            assertTrue(processed.contains(secret), secret + " in the processed crash");
        }
        assertTrue(raw.contains(CUSTOM) && raw.contains(EMAIL), "the e-mail and the custom annotation are in the raw crash");
        String search = given().header("Auth-Token", token).queryParam("product", PRODUCT).queryParam("_columns", "url")
                .queryParam("_columns", "email")
                .get("/api/SuperSearchUnredacted").then().statusCode(200).extract().asString();
        assertTrue(search.contains(URL) && search.contains(EMAIL), "protected fields are indexed: " + search);
        String page = given().header("Auth-Token", token).get("/report/index/" + id).then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains(CUSTOM) && page.contains(EMAIL), "a view_pii holder sees them on the report page");
    }

    @Test
    void anAnonymousCrawlOfEveryGetRouteFindsNoProtectedValue() {
        List<Endpoint> routes = RegisteredRoutes.all().stream().filter(e -> e.method().equals("GET")).toList();
        assertTrue(routes.size() >= 15, "the route list looks incomplete: " + routes);
        Set<String> reached = new TreeSet<>();
        List<String> leaks = new ArrayList<>();
        int requests = 0;
        for (Endpoint route : routes) {
            String path = substitute(route);
            for (String probe : PROBES) {
                String query = probe.replace("{crashId}", IDS.get("7.0.1")).replace("{signature}", signature());
                Response r = anonymous().get(query.isEmpty() ? path : path + "?" + query);
                requests++;
                String body = new String(r.asByteArray(), StandardCharsets.UTF_8);
                // Our own "not found" pages count (e.g. single sign-on when it is off); the router's do not.
                if ((r.statusCode() != 404 && r.statusCode() != 405) || body.contains("class=\"brand\"")) {
                    reached.add(route.template());
                }
                String headers = r.getHeaders().toString();
                for (String secret : SECRETS) {
                    if (body.contains(secret) || headers.contains(secret)) {
                        leaks.add(route.method() + " " + path + "?" + query + " -> " + r.statusCode() + " shows " + secret);
                    }
                }
                if (query.contains("format=raw") && route.template().equals("/api/RawCrash")) {
                    assertEquals(401, r.statusCode(), "dumps need view_rawdump");
                }
            }
        }
        assertEquals(List.of(), leaks, "protected values reached an anonymous caller (" + requests + " requests)");
        Set<String> unreached = new TreeSet<>();
        routes.forEach(r -> unreached.add(r.template()));
        unreached.removeAll(reached);
        assertEquals(Set.of(), unreached, "routes the crawl never got an answer from");
    }

    @Test
    void noStateChangingRouteButThePublicOnesWorksAnonymously() {
        List<String> open = new ArrayList<>();
        for (Endpoint route : RegisteredRoutes.jaxRs()) {
            if (Set.of("GET", "HEAD", "OPTIONS").contains(route.method())
                    || PUBLIC_CHANGES.contains(route.method() + " " + withoutTrailingSlash(route.template()))) {
                continue;
            }
            String path = substitute(route);
            // From loopback with a forged proxy header: neither opens anything.
            Response r = anonymous().header("X-Forwarded-For", "127.0.0.1").contentType("application/x-www-form-urlencoded")
                    .body("crash_ids=" + IDS.get("7.0.1") + "&csrf_token=x").request(route.method(), path);
            if (r.statusCode() == 415) {
                // Not a form endpoint: ask again in the type it takes, so the answer comes from the endpoint.
                r = anonymous().header("X-Forwarded-For", "127.0.0.1").contentType("application/json")
                        .body("{\"crash_ids\": [\"" + IDS.get("7.0.1") + "\"], \"query\": {\"match_all\": {}}}")
                        .request(route.method(), path);
            }
            if (r.statusCode() == 415) {
                // A file-upload form: a multipart body.
                r = anonymous().header("X-Forwarded-For", "127.0.0.1").multiPart("csrf_token", "x")
                        .multiPart("crash_ids", IDS.get("7.0.1")).request(route.method(), path);
            }
            if (r.statusCode() != 401 && r.statusCode() != 403 && !(r.statusCode() == 303
                    && String.valueOf(r.getHeader("Location")).contains("/login"))) {
                open.add(route.method() + " " + path + " (" + route.implementation() + ") -> " + r.statusCode());
            }
        }
        assertEquals(List.of(), open, "state-changing routes that answered an anonymous caller");
    }

    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static RequestSpecification anonymous() {
        return given().redirects().follow(false);
    }

    private static String signature() {
        return java.net.URLEncoder.encode(signature, StandardCharsets.UTF_8);
    }

    private static String substitute(Endpoint route) {
        Matcher m = Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(route.template());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "crashId" -> IDS.get("7.0.1");
                case "product" -> PRODUCT;
                case "debugFile" -> symbolPath.split("/")[0];
                case "debugId" -> symbolPath.split("/")[1];
                case "name" -> symbolPath.split("/")[2];
                case "id" -> "1";
                case "idAndVerb" -> symbolPath.split("/")[1] + ":checkStatus";
                case "verb" -> "uploads:create";
                case "keyAndVerb" -> "1-x:complete";
                case "uploadKey" -> "1-x";
                default -> null;
            };
            if (value == null) {
                fail("the crawl has no value for path parameter {" + m.group(1) + "} of " + route
                        + "; add one to AnonymousCrawlTest.substitute");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String submit(byte[] dump, Map<String, String> annotations) {
        var request = given();
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            request = request.multiPart(new MultiPartSpecBuilder(e.getValue()).controlName(e.getKey())
                    .mimeType("text/plain").charset(StandardCharsets.UTF_8).build());
        }
        String body = request.multiPart("upload_file_minidump", "crash.dmp", dump, "application/octet-stream")
                .post("/submit").then().statusCode(200).extract().asString().strip();
        assertTrue(body.startsWith("CrashID=bp-"), body);
        return body.substring("CrashID=bp-".length());
    }
}
