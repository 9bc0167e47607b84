package io.breakwater.minidump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every dump of the shared corpus opens and every accessor runs; microdumps and garbage are clear errors. */
class CorpusDumpsTest {

    @TestFactory
    List<DynamicTest> everyCorpusDump() {
        Path root = Corpus.root();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : Corpus.dumps(root)) {
            String name = root.relativize(file).toString();
            tests.add(DynamicTest.dynamicTest(name, () -> check(file, name)));
        }
        assertTrue(tests.size() >= 80, "corpus holds " + tests.size() + " dumps");
        return tests;
    }

    private static void check(Path file, String name) throws Exception {
        if (Corpus.isMicrodump(file)) {
            MinidumpFormatException e = assertThrows(MinidumpFormatException.class, () -> Minidump.open(file));
            assertTrue(e.getMessage().contains("microdump"), e.getMessage());
            return;
        }
        try (Minidump d = Minidump.open(file)) {
            AllAccessors.run(d);
            if (name.matches(".*/invalid-(range|record-count)\\.dmp")) {
                assertFalse(d.notes().isEmpty(), "fuzz-found malformed dump yields notes");
                return;
            }
            // Real dumps: the essentials are present and consistent.
            SystemInfo si = d.systemInfo().orElseThrow(() -> new AssertionError("no SystemInfo: " + d.notes()));
            assertFalse(d.threads().isEmpty(), "threads");
            assertFalse(d.modules().isEmpty(), "modules");
            for (MinidumpThread t : d.threads()) {
                assertNotNull(t.context(), "context of thread " + t.threadId() + " " + d.notes());
                assertEquals(si.cpu(), t.context().cpu(), "context CPU matches SystemInfo");
                assertTrue(t.context().has(t.context().pcName()) && t.context().has(t.context().spName()));
                if (t.stack() != null) {
                    assertTrue(t.stack().size() > 0);
                }
            }
            for (MinidumpModule m : d.modules()) {
                assertFalse(m.codeFile().isEmpty(), "module name");
                assertTrue(d.moduleAt(m.baseAddress()) != null, "module findable at its base");
            }
            d.exception().ifPresent(e -> {
                if (e.context() != null) assertEquals(si.cpu(), e.context().cpu());
            });
            assertEquals(List.of(), d.notes().stream().filter(n -> !expectedNote(name, n)).toList(), "unexpected notes");
        }
    }

    /** Notes that real corpus dumps legitimately produce (their data is damaged or unusual). */
    private static boolean expectedNote(String name, String note) {
        // Breakpad's own test dump carries a cut /proc/self/maps line and a garbage DSO debug stream.
        return name.endsWith("linux_executable_stack.dmp") && (note.contains("LinuxMaps") || note.contains("LinuxDsoDebug"));
    }
}
