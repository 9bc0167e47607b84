package io.breakwater.web;

import io.breakwater.access.Caller;
import io.breakwater.access.CrashDataPolicy;
import io.breakwater.access.Permission;
import io.breakwater.access.RecordingAuditLog;
import io.breakwater.search.FieldRegistry;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report page model: frames with inlines, module markers, and the public / protected split. */
class ReportBuilderTest {

    static final String ID = "de1bb258-cbbf-4589-a673-34f800160918";
    static final RecordingAuditLog AUDIT = new RecordingAuditLog();
    static final CrashDataPolicy POLICY = new CrashDataPolicy(FieldRegistry.loadDefault(), AUDIT);

    static Views.Report report(Caller viewer, Map<String, Object> processed, Map<String, Object> raw, boolean all) {
        return new ReportBuilder(POLICY, POLICY.mayDownloadDumps(viewer))
                .build(ID, POLICY.report(viewer, ID, processed, raw), all);
    }

    static Map<String, Object> processed() {
        Map<String, Object> frame0 = new LinkedHashMap<>();
        frame0.put("frame", 0);
        frame0.put("module", "app");
        frame0.put("function", "outer");
        frame0.put("file", "/src/app.cc");
        frame0.put("line", 30);
        frame0.put("trust", "context");
        frame0.put("inlines", List.of(Map.of("function", "inner", "file", "/src/app.h", "line", 7)));
        Map<String, Object> frame1 = new LinkedHashMap<>();
        frame1.put("frame", 1);
        frame1.put("module", "libnosyms.so");
        frame1.put("module_offset", "0x1234");
        frame1.put("trust", "scan");
        frame1.put("missing_symbols", true);
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("threads", List.of(
                Map.of("frame_count", 1, "frames", List.of(Map.of("frame", 0, "module", "libc.so.6", "function", "wait"))),
                Map.of("frame_count", 2, "thread_name", "worker", "frames", List.of(frame0, frame1))));
        dump.put("modules", List.of(
                Map.of("filename", "app", "debug_id", "ABC0", "missing_symbols", false),
                Map.of("filename", "libnosyms.so", "debug_id", "DEF0", "missing_symbols", true)));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("uuid", ID);
        p.put("signature", "inner");
        p.put("product", "App");
        p.put("crashing_thread", 1);
        p.put("url", "https://secret.example/");
        p.put("modules_in_stack", "app/ABC0;libnosyms.so/DEF0");
        p.put("processor_history", List.of(Map.of("signature", "old", "success", false)));
        p.put("json_dump", dump);
        return p;
    }

    static Map<String, Object> raw() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("uuid", ID);
        raw.put("ProductName", "App");
        raw.put("Notes", "public note");
        raw.put("URL", "https://secret.example/");
        raw.put("InstallID", "install-1");
        raw.put("SomethingUndeclared", "may be private");
        raw.put("metadata", Map.of("user_agent", "agent"));
        return raw;
    }

    @Test
    void crashingThreadShowsInlineFramesBeforeTheirPhysicalFrame() {
        Views.Report r = report(Caller.ANONYMOUS, processed(), raw(), false);
        Views.ThreadView t = r.crashingThread();
        assertEquals(1, t.index());
        assertEquals("worker", t.name());
        assertEquals(3, t.frames().size());
        assertTrue(t.frames().get(0).inline());
        assertEquals("inner", t.frames().get(0).function());
        assertEquals("/src/app.h:7", t.frames().get(0).source());
        assertEquals("outer", t.frames().get(1).function());
        assertEquals("/src/app.cc:30", t.frames().get(1).source());
        assertEquals("libnosyms.so + 0x1234", t.frames().get(2).function());
        assertTrue(t.frames().get(2).missingSymbols());
        assertEquals(1, r.otherThreads().size());
        assertTrue(r.modules().get(1).missingSymbols());
        assertTrue(r.modules().get(0).inStack());
        assertEquals(1, r.history().size());
    }

    @Test
    void anonymousViewersSeeOnlyDeclaredPublicAnnotations() {
        Views.Report r = report(Caller.ANONYMOUS, processed(), raw(), false);
        List<String> shown = r.publicAnnotations().stream().map(Views.Prop::name).toList();
        assertEquals(List.of("Notes", "ProductName"), shown);
        assertTrue(r.protectedAnnotations().isEmpty());
        assertEquals(3, r.hiddenProtected(), "URL, InstallID and the undeclared annotation");
        assertFalse(r.details().stream().anyMatch(p -> p.value().contains("secret")), "processed url is protected");
    }

    @Test
    void viewersWithThePermissionSeeProtectedData() {
        Caller allowed = Caller.session(1, "analyst", EnumSet.of(Permission.VIEW_PII), "csrf");
        Views.Report r = report(allowed, processed(), raw(), true);
        assertEquals(List.of("InstallID", "SomethingUndeclared", "URL"),
                r.protectedAnnotations().stream().map(Views.Prop::name).toList());
        assertEquals(0, r.hiddenProtected());
        assertTrue(r.details().stream().anyMatch(p -> p.name().startsWith("URL") && p.value().contains("secret")));
        assertTrue(r.allThreads());
        assertNull(r.dumpUrl(), "view_pii does not grant the dump");
        assertTrue(AUDIT.entries.contains("analyst data.view_report " + ID), AUDIT.entries.toString());
    }

    @Test
    void theDumpLinkNeedsViewRawdump() {
        assertNull(report(Caller.ANONYMOUS, processed(), raw(), false).dumpUrl());
        Caller dumps = Caller.token(2, "ci", EnumSet.of(Permission.VIEW_RAWDUMP), 9);
        assertEquals("/api/RawCrash?crash_id=" + ID + "&format=raw", report(dumps, processed(), raw(), false).dumpUrl());
    }

    @Test
    void aDumpWithoutThreadsStillRenders() {
        Map<String, Object> p = new LinkedHashMap<>(processed());
        p.put("json_dump", Map.of());
        p.remove("crashing_thread");
        Views.Report r = report(Caller.ANONYMOUS, p, Map.of(), false);
        assertNull(r.crashingThread());
        assertTrue(r.modules().isEmpty());
    }
}
