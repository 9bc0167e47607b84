package io.breakwater.signaturerules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.access.Permission;
import io.breakwater.processor.EngineSignatures;
import io.breakwater.processor.ProcessorRunningProfile;
import io.breakwater.signature.SignatureGenerator;
import io.breakwater.signature.SignatureLists;
import io.breakwater.storage.CrashIds;
import io.breakwater.storage.CrashStorage;
import io.breakwater.testsupport.TestAccounts;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance of issue 11 (parts 1 and 2): a preview over seeded crashes reports the splits and merges that
 * applying then produces in the stored signatures, and a rollback undoes them.
 */
@QuarkusTest
@TestProfile(ProcessorRunningProfile.class)
class SignatureListsPreviewApplyTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String API = "/api/signature-lists";

    @Inject
    CrashStorage storage;

    @Inject
    io.breakwater.access.AuditLog audit;

    private static String adminToken;

    private static RequestSpecification admin() {
        if (adminToken == null) adminToken = TestAccounts.token(Permission.ADMIN);
        return given().header("Auth-Token", adminToken);
    }

    @AfterAll
    static void configuredListsAgain() throws Exception {
        // Later test classes share the database: leave the configured lists in force.
        DataSource ds = Arc.container().instance(DataSource.class).get();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM signature_list_activation");
        }
    }

    /** Seeded crashes: one signature that the edit splits, two that it merges, one it leaves alone. */
    record Seed(String tag, Map<String, String> oldSignatureById, String alloc, String parse, String render,
                String wrapA, String wrapB, String core, String stable) {
    }

    private Seed seed() throws Exception {
        String tag = "sr" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String alloc = tag + "_alloc", parse = tag + "_parse", render = tag + "_render";
        String wrapA = tag + "_wrapA", wrapB = tag + "_wrapB", core = tag + "_core", stable = tag + "_stable";
        EngineSignatures engine = new EngineSignatures(new SignatureGenerator(SignatureLists.defaults()));
        Map<String, String> ids = new LinkedHashMap<>();
        List<List<String>> stacks = new ArrayList<>();
        for (int i = 0; i < 3; i++) stacks.add(List.of(alloc, parse, "main"));
        for (int i = 0; i < 2; i++) stacks.add(List.of(alloc, render, "main"));
        for (int i = 0; i < 2; i++) stacks.add(List.of(wrapA, core, "main"));
        stacks.add(List.of(wrapB, core, "main"));
        stacks.add(List.of(stable, "main"));
        for (List<String> stack : stacks) {
            String id = CrashIds.create(LocalDate.now(ZoneOffset.UTC), 0);
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("uuid", id);
            raw.put("ProductName", "SigRulesTest");
            raw.put("submitted_timestamp", Instant.now().toString());
            storage.saveCrash(id, raw, Map.of());
            ObjectNode processed = MAPPER.createObjectNode();
            processed.put("uuid", id);
            processed.put("product", "SigRulesTest");
            ObjectNode dump = processed.putObject("json_dump");
            dump.putObject("system_info").put("os", "Linux");
            dump.putObject("crash_info").put("crashing_thread", 0).put("type", "SIGSEGV");
            var frames = dump.putArray("threads").addObject().putArray("frames");
            for (int f = 0; f < stack.size(); f++) {
                frames.addObject().put("frame", f).put("module", "app").put("function", stack.get(f));
            }
            String signature = engine.compute(raw, processed).signature();
            processed.put("signature", signature);
            storage.saveProcessedCrash(id, MAPPER.writeValueAsBytes(processed));
            ids.put(id, signature);
        }
        assertEquals(alloc, ids.values().iterator().next(), "seeded as expected with the bundled lists");
        return new Seed(tag, ids, alloc, parse, render, wrapA, wrapB, core, stable);
    }

    @Test
    void previewPredictsExactlyWhatApplyAndRollbackDo() throws Exception {
        Seed seed = seed();
        JsonNode overview = json(admin().get(API).then().statusCode(200).extract().response());
        JsonNode inForce = overview.at("/in_force/lists");
        Map<String, Object> body = Map.of("days", 2, "lists", Map.of(
                SignatureLists.PREFIX, inForce.get(SignatureLists.PREFIX).asText() + "\n" + seed.alloc() + "$\n",
                SignatureLists.IRRELEVANT, inForce.get(SignatureLists.IRRELEVANT).asText() + "\n" + seed.tag() + "_wrap[AB]$\n"));
        long previewId = json(admin().contentType(ContentType.JSON).body(body).post(API + "/previews")
                .then().statusCode(202).extract().response()).get("id").asLong();
        JsonNode preview = awaitDone(previewId);

        // The split: alloc → alloc | parse (3), alloc | render (2).
        JsonNode split = find(preview.at("/report/splits"), "old_signature", seed.alloc());
        assertNotNull(split, preview.toPrettyString());
        assertEquals(5, split.get("crashes").asLong());
        assertEquals(Map.of(seed.alloc() + " | " + seed.parse(), 3L, seed.alloc() + " | " + seed.render(), 2L),
                counts(split.get("into"), "new_signature"));
        // The merge: wrapA (2) and wrapB (1) → core.
        JsonNode merge = find(preview.at("/report/merges"), "new_signature", seed.core());
        assertNotNull(merge, preview.toPrettyString());
        assertEquals(Map.of(seed.wrapA(), 2L, seed.wrapB(), 1L), counts(merge.get("from"), "old_signature"));
        assertEquals(3, merge.at("/from/0/examples").size() + merge.at("/from/1/examples").size());
        assertTrue(find(preview.at("/report/splits"), "old_signature", seed.stable()) == null);
        // Nothing was changed by the preview.
        seed.oldSignatureById().forEach((id, sig) -> assertEquals(sig, storedSignature(id)));

        JsonNode apply = json(admin().contentType(ContentType.JSON).body(Map.of("comment", "split alloc"))
                .post(API + "/runs/" + previewId + "/apply").then().statusCode(202).extract().response());
        JsonNode applied = awaitDone(apply.get("id").asLong());
        assertTrue(applied.get("prediction_held").asBoolean(), applied.toPrettyString());
        assertEquals(preview.at("/report/splits"), applied.at("/outcome/splits"));
        assertEquals(preview.at("/report/merges"), applied.at("/outcome/merges"));
        assertEquals(preview.at("/report/crashes_changed").asInt(), applied.at("/regeneration/queued").asInt());
        assertEquals(applied.at("/regeneration/queued").asInt(), applied.at("/regeneration/regenerated").asInt());

        // The preview's old signatures are now stale: applying it again is refused.
        admin().contentType(ContentType.JSON).body(Map.of()).post(API + "/runs/" + previewId + "/apply")
                .then().statusCode(409).body("error", containsString("preview again"));

        // The stored signatures, grouped, give exactly the predicted split and merge.
        Map<String, Map<String, Long>> byOld = new TreeMap<>();
        seed.oldSignatureById().forEach((id, old) -> byOld.computeIfAbsent(old, k -> new TreeMap<>())
                .merge(storedSignature(id), 1L, Long::sum));
        assertEquals(counts(split.get("into"), "new_signature"), byOld.get(seed.alloc()));
        assertEquals(Map.of(seed.core(), 2L), byOld.get(seed.wrapA()));
        assertEquals(Map.of(seed.core(), 1L), byOld.get(seed.wrapB()));
        assertEquals(Map.of(seed.stable(), 1L), byOld.get(seed.stable()));

        // The version is recorded with who and when, and is in force for the processor's next crash.
        JsonNode after = json(admin().get(API).then().statusCode(200).extract().response());
        long newVersion = applied.get("version_id").asLong();
        assertEquals(newVersion, after.at("/in_force/version_id").asLong());
        assertTrue(after.at("/in_force/activated_by").asText().contains("token"), after.toPrettyString());
        JsonNode configured = null;
        for (JsonNode v : after.get("versions")) if (v.get("id").asLong() < newVersion) configured = v;
        assertNotNull(configured, "the lists before the first apply are kept as a version");

        // Rollback: the earlier version again, and the seeded crashes get their old signatures back.
        JsonNode rollback = json(admin().contentType(ContentType.JSON).body(Map.of("days", 2))
                .post(API + "/versions/" + configured.get("id").asLong() + "/rollback")
                .then().statusCode(202).extract().response());
        JsonNode rolledBack = awaitDone(rollback.get("id").asLong());
        assertTrue(rolledBack.get("prediction_held").asBoolean(), rolledBack.toPrettyString());
        JsonNode unsplit = find(rolledBack.at("/report/merges"), "new_signature", seed.alloc());
        assertNotNull(unsplit, "undoing the split merges back: " + rolledBack.toPrettyString());
        seed.oldSignatureById().forEach((id, sig) -> assertEquals(sig, storedSignature(id), id));

        List<String> audited = audit.recent(20, 0, "signature_lists.").stream()
                .map(e -> e.action() + " " + e.target()).toList();
        assertTrue(audited.contains("signature_lists.apply version " + newVersion), audited.toString());
        assertTrue(audited.contains("signature_lists.rollback version " + configured.get("id").asLong()), audited.toString());
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        admin().contentType(ContentType.JSON).body(Map.of("lists", Map.of(SignatureLists.PREFIX, "ok\nbad(")))
                .post(API + "/previews").then().statusCode(400)
                .body("error", containsString(SignatureLists.PREFIX)).body("error", containsString("line 2"));
        admin().contentType(ContentType.JSON).body(Map.of("lists", Map.of("other.txt", "x")))
                .post(API + "/previews").then().statusCode(400).body("error", containsString("unknown list file"));
        admin().contentType(ContentType.JSON).body(Map.of("days", 0)).post(API + "/previews").then().statusCode(400);
        admin().contentType(ContentType.JSON).body(Map.of()).post(API + "/runs/999999999/apply").then().statusCode(400);
        admin().get(API + "/runs/999999999").then().statusCode(404);
        admin().contentType(ContentType.JSON).body(Map.of()).post(API + "/versions/999999999/rollback").then().statusCode(400);
    }

    @Test
    void onlyAdminsMayPreview() {
        given().contentType(ContentType.JSON).body(Map.of()).post(API + "/previews").then().statusCode(401);
        given().header("Auth-Token", TestAccounts.token(Permission.REPROCESS_CRASHES)).contentType(ContentType.JSON)
                .body(Map.of()).post(API + "/previews").then().statusCode(403);
    }

    @Test
    void thePagesPreviewAnUploadedList() throws Exception {
        Seed seed = seed();
        TestAccounts.Browser browser = TestAccounts.login(TestAccounts.user(Permission.ADMIN));
        String page = given().cookie("bw_session", browser.sessionCookie()).get("/admin/signature-lists/")
                .then().statusCode(200).extract().asString();
        assertTrue(page.contains("name=\"prefix_file\""), page);
        Response posted = given().redirects().follow(false).cookie("bw_session", browser.sessionCookie())
                .multiPart("csrf_token", browser.csrfToken()).multiPart("days", "2")
                .multiPart("prefix_file", "prefix_signature_re.txt",
                        (bundledPrefix() + seed.alloc() + "$\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain")
                .post("/admin/signature-lists/preview");
        assertEquals(303, posted.statusCode(), posted.asString());
        String location = posted.getHeader("Location");
        long runId = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        awaitDone(runId);
        String runPage = given().cookie("bw_session", browser.sessionCookie()).get("/admin/signature-lists/runs/" + runId)
                .then().statusCode(200).extract().asString();
        assertTrue(runPage.contains(seed.alloc() + " | " + seed.parse()), runPage);
        assertTrue(runPage.contains("id=\"apply-form\""), runPage);
        assertTrue(!runPage.contains("http-equiv=\"refresh\""), "a finished run does not reload");

        // Without the form's anti-forgery token nothing runs.
        given().redirects().follow(false).cookie("bw_session", browser.sessionCookie()).multiPart("days", "2")
                .post("/admin/signature-lists/preview").then().statusCode(403);
    }

    private static String bundledPrefix() {
        return io.breakwater.signature.SignatureListSet.defaults().prefix() + "\n";
    }

    private String storedSignature(String id) {
        try {
            return MAPPER.readTree(storage.loadProcessedCrashBytes(id).orElseThrow()).path("signature").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode awaitDone(long runId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = json(admin().get(API + "/runs/" + runId).then().statusCode(200).extract().response());
            String state = run.get("state").asText();
            if (state.equals("done")) return run;
            if (state.equals("failed")) throw new AssertionError("run " + runId + " failed: " + run.toPrettyString());
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " not done: " + run);
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode item : list) if (item.path(field).asText().equals(value)) return item;
        return null;
    }

    private static Map<String, Long> counts(JsonNode mappings, String field) {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode m : mappings) counts.put(m.get(field).asText(), m.get("crashes").asLong());
        return counts;
    }

    private static JsonNode json(Response response) {
        try {
            return MAPPER.readTree(response.asString());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
