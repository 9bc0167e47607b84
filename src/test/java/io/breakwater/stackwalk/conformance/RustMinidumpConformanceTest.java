package io.breakwater.stackwalk.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.stackwalk.ProcessState;
import io.breakwater.stackwalk.output.JsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Our JSON against rust-minidump's {@code minidump-stackwalk --json} snapshots, field by field. Fields
 * we deliberately do not produce are listed in {@link #NOT_PRODUCED} (see docs/CONFORMANCE.md); every
 * other field must be equal.
 */
class RustMinidumpConformanceTest {

    /** Instruction analysis of the crashing instruction (needs an x86 disassembler we do not have). */
    static final Set<String> NOT_PRODUCED = Set.of("crash_info.instruction", "crash_info.memory_accesses",
            "crash_info.possible_bit_flips", "crash_info.adjusted_address");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonSnapshotsMatchFieldByField() throws IOException {
        Path root = Corpus.requireRoot();
        Path base = root.resolve("rust-minidump/expected/minidump-stackwalk");
        JsonNode index = JSON.readTree(base.resolve("INDEX.json").toFile());
        MatchRate fields = new MatchRate();
        MatchRate frames = new MatchRate();
        List<String> differences = new ArrayList<>();
        Map<String, String> perSnapshot = new LinkedHashMap<>();
        int compared = 0;
        for (JsonNode entry : index.get("entries")) {
            if (!"json".equals(entry.get("format").asText()) || entry.get("dump").isNull()) continue;
            List<String> args = new ArrayList<>();
            entry.get("args").forEach(a -> args.add(a.asText()));
            if (args.contains("--evil-json")) continue; // Mozilla's side-channel certificate input is not supported
            Path dump = base.resolve(entry.get("dump").asText()).normalize();
            Path symbols = entry.get("symbols_path").isNull() ? null : base.resolve(entry.get("symbols_path").asText()).normalize();
            ProcessState state = Corpus.process(dump, symbols);
            JsonNode ours = JSON.readTree(JsonWriter.write(state, true));
            JsonNode theirs = JSON.readTree(base.resolve(entry.get("output").asText()).toFile());
            MatchRate f = new MatchRate();
            compareFields("", ours, theirs, f, differences, entry.get("name").asText());
            MatchRate fr = compareFrames(ours, theirs);
            fields.add(f);
            frames.add(fr);
            perSnapshot.put(entry.get("name").asText(), "fields " + f + ", frames " + fr);
            compared++;
        }
        StringBuilder sb = new StringBuilder("reference: rust-minidump minidump-stackwalk --json snapshots\n");
        perSnapshot.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        sb.append("all fields: ").append(fields).append("\nall frames: ").append(frames).append('\n');
        if (!differences.isEmpty()) sb.append("differences:\n  ").append(String.join("\n  ", differences)).append('\n');
        System.out.print(sb);
        Files.createDirectories(Path.of("target", "conformance"));
        Files.writeString(Path.of("target", "conformance", "rust-minidump-json.txt"), sb.toString());

        assertTrue(compared >= 5, "expected the test.dmp, linux-mini and macOS inline snapshots");
        assertEquals(List.of(), differences, "fields that differ outside the documented set");
        assertEquals(frames.compared, frames.matched, "frames: " + frames);
    }

    /** Leaf-by-leaf comparison; a documented not-produced field must be null on our side. */
    private static void compareFields(String path, JsonNode ours, JsonNode theirs, MatchRate rate,
                                      List<String> differences, String snapshot) {
        if (NOT_PRODUCED.contains(path)) {
            if (!ours.isNull()) differences.add(snapshot + ": " + path + " should be null, is " + ours);
            return;
        }
        if (theirs.isObject() && ours.isObject()) {
            Set<String> keys = new TreeSet<>();
            theirs.fieldNames().forEachRemaining(keys::add);
            ours.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                String p = path.isEmpty() ? k : path + "." + k;
                JsonNode a = ours.get(k);
                JsonNode b = theirs.get(k);
                if (a == null || b == null) {
                    rate.add(false);
                    differences.add(snapshot + ": " + p + (a == null ? " missing in ours" : " not in the snapshot"));
                } else {
                    compareFields(p, a, b, rate, differences, snapshot);
                }
            }
        } else if (theirs.isArray() && ours.isArray()) {
            if (theirs.size() != ours.size()) {
                rate.add(false);
                differences.add(snapshot + ": " + path + " has " + ours.size() + " entries, snapshot " + theirs.size());
            }
            Iterator<JsonNode> a = ours.elements();
            Iterator<JsonNode> b = theirs.elements();
            int i = 0;
            while (a.hasNext() && b.hasNext()) compareFields(path + "[" + i++ + "]", a.next(), b.next(), rate, differences, snapshot);
        } else {
            boolean ok = ours.equals(theirs);
            rate.add(ok);
            if (!ok && differences.size() < 60) differences.add(snapshot + ": " + path + ": " + ours + " vs " + theirs);
        }
    }

    /** Frames of every thread compared on module, function, file, line, trust, offsets and inlines. */
    private static MatchRate compareFrames(JsonNode ours, JsonNode theirs) {
        MatchRate rate = new MatchRate();
        JsonNode ot = ours.get("threads");
        JsonNode tt = theirs.get("threads");
        for (int t = 0; t < tt.size(); t++) {
            JsonNode b = tt.get(t).get("frames");
            JsonNode a = t < ot.size() ? ot.get(t).get("frames") : JSON.createArrayNode();
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                if (i >= a.size() || i >= b.size()) {
                    rate.add(false);
                    continue;
                }
                boolean ok = true;
                for (String k : new String[] {"module", "function", "file", "line", "trust", "offset", "module_offset",
                        "function_offset", "inlines"}) {
                    ok &= a.get(i).path(k).equals(b.get(i).path(k));
                }
                rate.add(ok);
            }
        }
        return rate;
    }
}
