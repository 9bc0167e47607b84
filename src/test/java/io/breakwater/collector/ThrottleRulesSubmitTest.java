package io.breakwater.collector;

import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.QueueState;
import io.breakwater.storage.CrashIds;
import io.breakwater.storage.CrashStorage;
import io.breakwater.storage.ObjectStore;
import io.breakwater.testsupport.Corpus;
import io.breakwater.testsupport.Multipart;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.breakwater.collector.SubmitTestSupport.crashId;
import static io.breakwater.collector.SubmitTestSupport.objectCount;
import static io.breakwater.collector.SubmitTestSupport.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each throttle action through {@code /submit}, with a rules file. */
@QuarkusTest
@TestProfile(ThrottleRulesSubmitTest.WithRules.class)
class ThrottleRulesSubmitTest {

    public static class WithRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path rules = Files.createTempFile("throttle-rules", ".json");
                Files.writeString(rules, """
                        {"default": "ACCEPT", "rules": [
                          {"name": "has_b2g", "when": [{"annotation": "ProductName", "equals": "B2G"}], "action": "REJECT"},
                          {"name": "test_products", "when": [{"annotation": "ProductName", "matches": "^Test"}],
                           "action": "FAKEACCEPT"},
                          {"name": "old_versions", "when": [{"annotation": "Version", "version": "< 10"}], "action": "DEFER"},
                          {"name": "is_nightly", "when": [{"annotation": "ReleaseChannel", "equals": "nightly"}],
                           "action": "ACCEPT"},
                          {"name": "never", "when": [{"annotation": "ReleaseChannel", "equals": "release"}],
                           "action": "ACCEPT", "percentage": 0, "otherwise": "REJECT"}
                        ]}""");
                rules.toFile().deleteOnExit();
                return Map.of("breakwater.collector.throttle-rules", rules.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    CrashStorage storage;

    @Inject
    ObjectStore store;

    @Inject
    CrashQueue queue;

    private static Response submit(String product, String version, String channel) {
        Multipart m = new Multipart().field("ProductName", product).field("Version", version)
                .field("ReleaseChannel", channel).file("upload_file_minidump", "d", new byte[]{1, 2, 3});
        return post(m.contentType(), m.build());
    }

    @Test
    void rejectAnswersTheRuleAndStoresNothing() {
        long objects = objectCount(store);
        long pending = queue.counts().total(QueueState.PENDING);
        Response r = submit("B2G", "20.0", "release");
        assertEquals(200, r.statusCode());
        assertEquals("Discarded=rule_has_b2g\n", r.asString());
        Response sampledOut = submit("Firefox", "20.0", "release");
        assertEquals("Discarded=rule_never\n", sampledOut.asString());
        assertEquals(objects, objectCount(store));
        assertEquals(pending, queue.counts().total(QueueState.PENDING));
    }

    @Test
    void fakeAcceptAnswersAnIdButStoresNothing() {
        long objects = objectCount(store);
        String id = crashId(submit("TestPilot", "20.0", "beta").asString());
        assertFalse(storage.rawCrashExists(id));
        assertEquals(List.of(), queue.findByCrashId(id));
        assertEquals(objects, objectCount(store));
    }

    @Test
    void deferStoresButDoesNotQueue() {
        String id = crashId(submit("Firefox", "9.0.1", "beta").asString());
        assertEquals(1, CrashIds.throttleDigit(id));
        Map<String, Object> raw = storage.loadRawCrash(id).orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) raw.get("metadata");
        assertEquals("old_versions", metadata.get("throttle_rule"));
        assertEquals("DEFER", metadata.get("throttle_result"));
        assertTrue(storage.dumpExists(id, "upload_file_minidump"));
        assertEquals(List.of(), queue.findByCrashId(id));
    }

    @Test
    void acceptByRuleAndByDefault() {
        String nightly = crashId(submit("Firefox", "60.0a1", "nightly").asString());
        assertEquals("is_nightly", metadataOf(nightly).get("throttle_rule"));
        assertEquals(1, queue.findByCrashId(nightly).size());
        String other = crashId(submit("Firefox", "60.0", "beta").asString());
        assertEquals("default", metadataOf(other).get("throttle_rule"));
        assertEquals(1, queue.findByCrashId(other).size());
    }

    @Test
    void antennaNightlyVectorMatchesItsStoredRawCrash() throws IOException {
        byte[] body = Files.readAllBytes(Corpus.file("antenna/payloads/submit_nightly_accepted.bin"));
        Response r = post("multipart/form-data; boundary=0123456789abcdef0123456789abcdef", body);
        String id = crashId(r.asString());
        Map<String, Object> raw = storage.loadRawCrash(id).orElseThrow();
        assertEquals("Firefox", raw.get("ProductName"));
        assertEquals("nightly", raw.get("ReleaseChannel"));
        assertEquals("60.0a1", raw.get("Version"));
        Map<String, Object> metadata = metadataOf(id);
        assertEquals("is_nightly", metadata.get("throttle_rule"));
        assertEquals(Map.of("upload_file_minidump", "e9cee71ab932fde863338d08be4de9dfe39ea049bdafb342ce659ec5450b69ae"),
                metadata.get("dump_checksums"));
        assertEquals(632, ((Number) metadata.get("payload_size")).intValue());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> metadataOf(String id) {
        return (Map<String, Object>) storage.loadRawCrash(id).orElseThrow().get("metadata");
    }
}
