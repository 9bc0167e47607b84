package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnotationRulesTest {

    static ProcessingContext run(Rule rule, Map<String, Object> raw) throws Exception {
        ProcessingContext ctx = ProcessingContext.of(new LinkedHashMap<>(raw));
        rule.action(ctx);
        return ctx;
    }

    @Test
    void socorroStyleNames() throws Exception {
        ProcessingContext ctx = run(new ProductRule(), Map.of("ProductName", "Firefox", "Version", "120.0",
                "ReleaseChannel", "beta", "BuildID", "20231101000000"));
        assertEquals("Firefox", ctx.processed().get("product").asText());
        assertEquals("120.0", ctx.processed().get("version").asText());
        assertEquals("beta", ctx.processed().get("release_channel").asText());
        assertEquals("20231101000000", ctx.processed().get("build").asText());
    }

    @Test
    void electronAppNameBeatsRuntimeName() throws Exception {
        ProcessingContext ctx = run(new ProductRule(), Map.of("prod", "Electron", "ver", "28.0.0",
                "_productName", "MyApp", "_version", "2.1.0"));
        assertEquals("MyApp", ctx.processed().get("product").asText());
        assertEquals("2.1.0", ctx.processed().get("version").asText());
    }

    @Test
    void plainBreakpadAndBlankValues() throws Exception {
        ProcessingContext ctx = run(new ProductRule(), Map.of("prod", "crashgen", "ver", "  ", "Version", ""));
        assertEquals("crashgen", ctx.processed().get("product").asText());
        assertEquals("", ctx.processed().get("version").asText());
        assertEquals("", ctx.processed().get("build").asText());
    }

    @Test
    void theRawCrashFormatNumberIsNotAVersion() throws Exception {
        // What the collector writes for a crash sent without any version annotation.
        ProcessingContext ctx = run(new ProductRule(), Map.of("ProductName", "NoVersion", "version", 2));
        assertEquals("", ctx.processed().get("version").asText(), "missing, not \"2\"");
    }

    @Test
    void overlongValueIsTruncatedWithNote() throws Exception {
        ProcessingContext ctx = run(new ProductRule(), Map.of("ProductName", "x".repeat(5000)));
        assertEquals(ProductRule.MAX_LENGTH, ctx.processed().get("product").asText().length());
        assertEquals(1, ctx.notes().size());
    }

    @Test
    void copiesUrlAndCommentsWhenPresent() throws Exception {
        ProcessingContext ctx = run(new UserDataRule(), Map.of("URL", "https://x.example/", "Comments", "it broke"));
        assertEquals("https://x.example/", ctx.processed().get("url").asText());
        assertEquals("it broke", ctx.processed().get("user_comments").asText());
    }

    @Test
    void absentMeansAbsent() throws Exception {
        ProcessingContext ctx = run(new UserDataRule(), Map.of());
        assertFalse(ctx.processed().has("url"));
        assertFalse(ctx.processed().has("user_comments"));
    }

    @Test
    void theClientsOwnProcessNamesAreKept() throws Exception {
        assertEquals("", run(new ProcessTypeRule(), Map.of()).processed().get("process_type").asText(), "missing stays missing");
        assertEquals("", run(new ProcessTypeRule(), Map.of("ProcessType", " ")).processed().get("process_type").asText());
        assertEquals("browser", run(new ProcessTypeRule(), Map.of("process_type", "browser")).processed().get("process_type").asText());
        assertEquals("parent", run(new ProcessTypeRule(), Map.of("ProcessType", "parent")).processed().get("process_type").asText());
        assertEquals("gpu-process", run(new ProcessTypeRule(), Map.of("ptype", "GPU-Process")).processed().get("process_type").asText());
    }

    @Test
    void otherTypesKept() throws Exception {
        assertEquals("content", run(new ProcessTypeRule(), Map.of("ProcessType", "content")).processed().get("process_type").asText());
        assertEquals("renderer", run(new ProcessTypeRule(), Map.of("process_type", "renderer")).processed().get("process_type").asText());
    }

    static final String SUBMITTED = "2024-03-01T10:00:00.000000+00:00";
    static final long SUBMITTED_EPOCH = Instant.parse("2024-03-01T10:00:00Z").getEpochSecond();

    @Test
    void fullSetOfTimes() throws Exception {
        ProcessingContext ctx = run(new DatesAndTimesRule(), Map.of("submitted_timestamp", SUBMITTED,
                "CrashTime", String.valueOf(SUBMITTED_EPOCH - 60), "StartupTime", String.valueOf(SUBMITTED_EPOCH - 360),
                "InstallTime", String.valueOf(SUBMITTED_EPOCH - 86_460), "SecondsSinceLastCrash", "3600"));
        var p = ctx.processed();
        assertEquals(SUBMITTED, p.get("submitted_timestamp").asText());
        assertEquals(SUBMITTED, p.get("date_processed").asText());
        assertEquals(SUBMITTED_EPOCH - 60, p.get("crash_time").asLong());
        assertEquals(300, p.get("uptime").asLong());
        assertEquals(86_400, p.get("install_age").asLong());
        assertEquals(3600, p.get("last_crash").asLong());
        assertTrue(ctx.notes().isEmpty(), ctx.notes().toString());
    }

    @Test
    void submittedTimestampWithZuluIsNormalised() throws Exception {
        ProcessingContext ctx = run(new DatesAndTimesRule(), Map.of("submitted_timestamp", "2024-03-01T10:00:00Z"));
        assertEquals(SUBMITTED, ctx.processed().get("submitted_timestamp").asText());
    }

    @Test
    void missingCrashTimeFallsBackToSubmissionWithNote() throws Exception {
        ProcessingContext ctx = run(new DatesAndTimesRule(), Map.of("submitted_timestamp", SUBMITTED));
        assertEquals(SUBMITTED_EPOCH, ctx.processed().get("crash_time").asLong());
        assertFalse(ctx.processed().has("uptime"));
        assertFalse(ctx.processed().has("install_age"));
        assertFalse(ctx.processed().has("last_crash"));
        assertTrue(ctx.notes().stream().anyMatch(n -> n.contains("crash time is unknown")));
    }

    @Test
    void garbageAndImplausibleValuesAreNoted() throws Exception {
        ProcessingContext ctx = run(new DatesAndTimesRule(), Map.of("submitted_timestamp", SUBMITTED,
                "CrashTime", "soon", "StartupTime", String.valueOf(SUBMITTED_EPOCH + 500),
                "InstallTime", String.valueOf(SUBMITTED_EPOCH + 10), "SecondsSinceLastCrash", "abc"));
        var p = ctx.processed();
        assertEquals(SUBMITTED_EPOCH, p.get("crash_time").asLong());
        assertEquals(0, p.get("uptime").asLong()); // started after the crash: clamped
        assertFalse(p.has("install_age"));
        assertFalse(p.has("last_crash"));
        assertTrue(ctx.notes().stream().anyMatch(n -> n.contains("\"CrashTime\"")));
        assertTrue(ctx.notes().stream().anyMatch(n -> n.contains("\"SecondsSinceLastCrash\"")));
        assertTrue(ctx.notes().stream().anyMatch(n -> n.contains("uptime is negative")));
        assertTrue(ctx.notes().stream().anyMatch(n -> n.contains("InstallTime")));
    }

    @Test
    void crashTimeInTheFutureIsRejected() throws Exception {
        ProcessingContext ctx = run(new DatesAndTimesRule(), Map.of("submitted_timestamp", SUBMITTED,
                "CrashTime", String.valueOf(SUBMITTED_EPOCH + 10 * 86_400)));
        assertEquals(SUBMITTED_EPOCH, ctx.processed().get("crash_time").asLong());
        assertTrue(ctx.notes().stream().anyMatch(n -> n.contains("implausible")));
    }

    @Test
    void breakpadPtimeIsMilliseconds() throws Exception {
        ProcessingContext ctx = run(new DatesAndTimesRule(), Map.of("submitted_timestamp", SUBMITTED, "ptime", "12345"));
        assertEquals(12, ctx.processed().get("uptime").asLong());
    }

    @Test
    void missingSubmittedTimestampUsesProcessingTime() throws Exception {
        ProcessingContext ctx = run(new DatesAndTimesRule(), Map.of());
        assertTrue(ctx.processed().has("date_processed"));
        assertTrue(ctx.notes().stream().anyMatch(n -> n.contains("submitted_timestamp")));
    }

    @Test
    void leadingNumber() throws Exception {
        for (var c : Map.of("120.0b3", 120, "3", 3, "", 0, "abc", 0, "99999999999999", 999999999).entrySet()) {
            ProcessingContext ctx = ProcessingContext.of(new LinkedHashMap<>());
            ctx.processed().put("version", c.getKey());
            new MajorVersionRule().action(ctx);
            assertEquals(c.getValue(), ctx.processed().get("major_version").asInt(), c.getKey());
        }
    }

    @Test
    void crashUnlessHangSignals() throws Exception {
        assertEquals("crash", run(new ReportTypeRule(), Map.of()).processed().get("report_type").asText());
        assertEquals("crash", run(new ReportTypeRule(), Map.of("Hang", "0")).processed().get("report_type").asText());
        assertEquals("hang", run(new ReportTypeRule(), Map.of("Hang", "1")).processed().get("report_type").asText());
        assertEquals("hang", run(new ReportTypeRule(), Map.of("ipc_channel_error", "ShutDownKill")).processed().get("report_type").asText());
        assertEquals("hang", run(new ReportTypeRule(), Map.of("AsyncShutdownTimeout", "{}")).processed().get("report_type").asText());
    }

    @Test
    void usesCollectorChecksum() throws Exception {
        String hash = "a".repeat(64);
        ProcessingContext ctx = run(new MinidumpSha256HashRule(),
                Map.of("metadata", Map.of("dump_checksums", Map.of("upload_file_minidump", hash))));
        assertEquals(hash, ctx.processed().get("minidump_sha256_hash").asText());
    }

    @Test
    void computesFromDumpWhenNotRecorded() throws Exception {
        Path dump = Files.createTempFile("dump", ".dmp");
        try {
            Files.writeString(dump, "abc");
            ProcessingContext ctx = new ProcessingContext("id", "default", new LinkedHashMap<>(),
                    Map.of(ProcessingContext.MAIN_DUMP, dump), null, Instant.now());
            new MinidumpSha256HashRule().action(ctx);
            assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                    ctx.processed().get("minidump_sha256_hash").asText());
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    @Test
    void noDumpNoHash() throws Exception {
        assertEquals("", run(new MinidumpSha256HashRule(), Map.of()).processed().get("minidump_sha256_hash").asText());
    }
}
