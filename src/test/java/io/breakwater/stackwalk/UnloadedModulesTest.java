package io.breakwater.stackwalk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.minidump.Cpu;
import io.breakwater.minidump.MinidumpModule;
import io.breakwater.stackwalk.output.JsonWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * rust-minidump's {@code json-pretty-unloaded} snapshot comes from a synthetic dump that is not in the
 * corpus; the same layout (one thread whose pc lies in several unloaded copies of two libraries) is
 * rebuilt here and the frame and unloaded-module JSON compared with the snapshot.
 */
class UnloadedModulesTest {

    private static MinidumpModule gone(String name, long base, long size, long stamp) {
        return new MinidumpModule(base, size, 0, stamp, name, String.format("%08X%x", stamp, size), null, null, null);
    }

    @Test
    void framesInUnloadedModulesListEveryCopy() throws Exception {
        Path snapshot = Path.of("..", "shared", "corpus", "rust-minidump", "expected", "minidump-stackwalk", "outputs",
                "json-pretty-unloaded.json").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(snapshot), "corpus absent");
        List<MinidumpModule> unloaded = List.of(
                gone("unused.dll", 0xa003a0, 0x1000, 0xb1054d2aL), gone("many.dll", 0xf00000, 0x1000, 0xb1054d2aL),
                gone("solo.dll", 0xaf00220, 0x2000, 0xb1054d2aL), gone("many.dll", 0xf00100, 0x1000, 0xb1054d2aL),
                gone("many.dll", 0xf003a0, 0x1000, 0xb1054d2aL), gone("solo.dll", 0xf00220, 0x2000, 0xb1054d2aL),
                gone("solo.dll", 0xaf00220, 0x2000, 0xb1054d2aL), gone("many.dll", 0xf00000, 0x1000, 0xb1054d2aL));
        DumpExtras extras = new DumpExtras(null, null, null, null, null, null, null, null, unloaded, null, null, null);
        var ctx = Fixtures.context(Cpu.X86, "eip", 0xf00800, "esp", 0x1010, "ebp", 0);
        DumpContents dump = new DumpContents(Fixtures.windows(Cpu.X86), List.of(Fixtures.thread(4660, ctx, null)), Map.of(),
                List.of(), null, null, null, null, extras);
        ProcessState state = new Stackwalker(null).process(dump);
        ObjectMapper json = new ObjectMapper();
        JsonNode ours = json.readTree(JsonWriter.write(state, true));
        JsonNode theirs = json.readTree(snapshot.toFile());
        assertEquals(theirs.get("unloaded_modules"), ours.get("unloaded_modules"));
        assertEquals(theirs.at("/threads/0/frames/0"), ours.at("/threads/0/frames/0"));
    }
}
