package io.breakwater.access;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.search.FieldRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The public/protected boundary of crash data, against the built-in field registry. */
class CrashDataPolicyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final CrashDataPolicy data = new CrashDataPolicy(FieldRegistry.loadDefault(), audit);

    private static Map<String, Object> processed() throws Exception {
        return MAPPER.readValue("""
                {"uuid": "de1bb258-cbbf-4589-a673-34f800160918", "signature": "foo | bar", "product": "P",
                 "url": "https://secret.example/path?token=1", "user_comments": "my name is Alice",
                 "email": "alice@example.com", "install_id": "inst-42", "moz_crash_reason_raw": "raw reason",
                 "raw_crash": {"URL": "https://secret.example/"},
                 "processor_notes": "note",
                 "collector_metadata": {"payload": "multipart", "collector_notes": ["dropped x"],
                                        "query_parameters": {"token": "abc"}, "dump_checksums": {"d": "00"}},
                 "json_dump": {"threads": [{"frames": [{"function": "main", "registers": {"rip": "0x1"}}]}],
                               "crash_info": {"type": "SIGSEGV"},
                               "crashpad_annotations": {"url": "https://secret.example/"},
                               "modules": [{"filename": "a.so", "simple_annotations": {"k": "v"}}]},
                 "additional_minidumps": ["upload_file_minidump_browser"],
                 "upload_file_minidump_browser": {"json_dump": {"threads": [{"frames": [
                     {"function": "f", "registers": {"pc": "0x2"}}]}]}}}
                """, new TypeReference<>() { });
    }

    @Test
    void processedCrashLosesProtectedFieldsAndKeepsPublicOnes() throws Exception {
        Map<String, Object> original = processed();
        String before = MAPPER.writeValueAsString(original);
        JsonNode pub = MAPPER.valueToTree(data.processedCrash(Caller.ANONYMOUS, "id", original));
        assertEquals(before, MAPPER.writeValueAsString(original), "the argument is not modified");
        assertEquals(List.of(), audit.entries, "public reads are not audited");

        for (String key : List.of("url", "user_comments", "email", "install_id", "moz_crash_reason_raw", "raw_crash")) {
            assertFalse(pub.has(key), key);
        }
        String text = pub.toString();
        for (String secret : List.of("secret.example", "Alice", "alice@example.com", "inst-42", "token", "abc",
                "dropped x", "registers", "0x1", "0x2", "simple_annotations")) {
            assertFalse(text.contains(secret), secret + " leaked: " + text);
        }
        assertEquals("foo | bar", pub.get("signature").asText());
        assertEquals("P", pub.get("product").asText());
        assertEquals("note", pub.get("processor_notes").asText());
        assertEquals("multipart", pub.at("/collector_metadata/payload").asText());
        assertEquals("00", pub.at("/collector_metadata/dump_checksums/d").asText());
        assertEquals("main", pub.at("/json_dump/threads/0/frames/0/function").asText());
        assertEquals("SIGSEGV", pub.at("/json_dump/crash_info/type").asText());
        assertEquals("a.so", pub.at("/json_dump/modules/0/filename").asText());
        assertEquals("f", pub.at("/upload_file_minidump_browser/json_dump/threads/0/frames/0/function").asText());
    }

    @Test
    void protectedRegistryFieldsAreDroppedByNameAndSource() {
        for (String field : List.of("url", "user_comments", "email", "install_id")) {
            assertTrue(data.protectedProcessedPaths().contains(field), field);
        }
        assertFalse(data.protectedProcessedPaths().contains("signature"));
    }

    @Test
    void rawCrashKeepsOnlyPublicAnnotations() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("ProductName", "Firefox");
        raw.put("Version", "1.0");
        raw.put("BuildID", "20240101000000");
        raw.put("ReleaseChannel", "nightly");
        raw.put("_productName", "electron-app");
        raw.put("AbortMessage", "abort!");       // public through the registry (abort_message)
        raw.put("URL", "https://secret.example/");
        raw.put("Comments", "my name is Alice");
        raw.put("Email", "alice@example.com");
        raw.put("InstallID", "inst-42");
        raw.put("ClientID", "client-7");
        raw.put("SomeAppSecret", "hunter2");
        raw.put("metadata", Map.of("payload", "json", "collector_notes", List.of("x"), "query_parameters", Map.of("t", "1")));
        raw.put("uuid", "de1bb258-cbbf-4589-a673-34f800160918");

        Map<String, Object> pub = data.rawCrash(Caller.ANONYMOUS, "id", raw);
        assertEquals(List.of("ProductName", "Version", "BuildID", "ReleaseChannel", "_productName", "AbortMessage",
                "metadata", "uuid"), List.copyOf(pub.keySet()), "order kept, protected and unknown left out");
        assertEquals(Map.of("payload", "json"), pub.get("metadata"));
        assertFalse(pub.toString().contains("hunter2"));
    }

    @Test
    void anOperatorRegistryDecidesAboutItsOwnAnnotations() {
        String extra = """
                {"fields": [
                  {"name": "gpu_vendor", "source": ["raw_crash.GpuVendor"], "query_type": "string", "storage": "keyword"},
                  {"name": "vendor", "source": ["raw_crash.Vendor"], "query_type": "enum", "storage": "keyword",
                   "protected": true}
                ]}""";
        CrashDataPolicy custom;
        try (InputStream builtIn = FieldRegistry.class.getClassLoader().getResourceAsStream(FieldRegistry.DEFAULT_RESOURCE)) {
            custom = new CrashDataPolicy(FieldRegistry.load(List.of(builtIn,
                    new ByteArrayInputStream(extra.getBytes(StandardCharsets.UTF_8)))), audit);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Map<String, Object> pub = custom.publicRawCrash(Map.of("GpuVendor", "0x10de", "Vendor", "Acme"));
        assertEquals(Map.of("GpuVendor", "0x10de"), pub, "public registry annotation added, protected one wins over the generic list");
        assertTrue(data.publicAnnotations().contains("Vendor"));
        assertFalse(data.publicAnnotations().contains("GpuVendor"));
    }

    @Test
    void callersWithViewPiiGetEverythingAndAreAudited() throws Exception {
        Caller analyst = Caller.session(7, "analyst@example.com", EnumSet.of(Permission.VIEW_PII), "csrf");
        Map<String, Object> original = processed();
        assertSame(original, data.processedCrash(analyst, "c1", original));
        Map<String, Object> raw = Map.of("URL", "https://secret.example/", "ProductName", "P");
        assertEquals(raw, data.rawCrash(analyst, "c1", raw));
        assertEquals(List.of("analyst@example.com data.view_processed_crash c1",
                "analyst@example.com data.view_raw_crash c1"), audit.entries);
    }

    @Test
    void otherPermissionsDoNotOpenProtectedData() throws Exception {
        Caller dumps = Caller.token(7, "ci@example.com", EnumSet.complementOf(EnumSet.of(Permission.VIEW_PII)), 3);
        String text = MAPPER.writeValueAsString(data.processedCrash(dumps, "c1", processed()));
        assertFalse(text.contains("secret.example"), text);
        assertTrue(data.mayDownloadDumps(dumps));
        assertFalse(data.mayDownloadDumps(Caller.ANONYMOUS));
        assertEquals(List.of(), audit.entries);
    }

    @Test
    void aReportCountsTheAnnotationsItHides() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("ProductName", "P");
        raw.put("URL", "https://secret.example/");
        raw.put("MyCustomThing", "x");
        CrashDataPolicy.ReportData report = data.report(Caller.ANONYMOUS, "c1", Map.of("signature", "s"), raw);
        assertEquals(Map.of("ProductName", "P"), report.raw());
        assertEquals(2, report.hiddenAnnotations());
        assertFalse(report.protectedVisible());
    }
}
