package io.breakwater.stackwalk.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.stackwalk.CallStack;
import io.breakwater.stackwalk.ProcessState;
import io.breakwater.stackwalk.output.MachineReadableWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Facts from Breakpad's processor unit tests (breakpad-facts.json): crash reason and address, whether the
 * process crashed, OS version and thread count (Breakpad leaves out the dump-writing thread).
 */
class BreakpadFactsTest {

    @Test
    void processorUnitTestFacts() throws Exception {
        Path facts = Corpus.requireRoot().resolve("breakpad/expected-facts");
        JsonNode root = new ObjectMapper().readTree(facts.resolve("breakpad-facts.json").toFile());
        int checked = 0;
        for (JsonNode p : root.get("processor")) {
            JsonNode e = p.get("expected");
            // Needs the faulting instruction disassembled (objdump upstream); see CONFORMANCE.md.
            if (p.get("dump").asText().contains("non_canonical")) continue;
            Path dump = facts.resolve(p.get("dump").asText()).normalize();
            Path symbols = p.has("symbols") ? facts.resolve(p.get("symbols").asText()).normalize() : null;
            ProcessState s = Corpus.process(dump, symbols);
            String name = dump.getFileName().toString();
            if (e.has("crash_reason")) assertEquals(e.get("crash_reason").asText(), s.crashReason(), name);
            if (e.has("crash_address")) {
                assertEquals(Long.parseUnsignedLong(e.get("crash_address").asText().substring(2), 16), s.crashAddress(), name);
            }
            if (e.has("crashed")) assertEquals(e.get("crashed").asBoolean(), s.crashed(), name);
            if (e.has("os_version")) assertEquals(e.get("os_version").asText(), osVersion(s), name);
            if (e.has("cpu")) assertEquals(e.get("cpu").asText(), s.cpu(), name);
            if (e.has("thread_count")) {
                long walked = s.threads().stream().filter(t -> t.status() != CallStack.Status.DUMP_THREAD_SKIPPED).count();
                assertEquals(e.get("thread_count").asInt(), walked, name);
            }
            checked++;
        }
        assertEquals(5, checked);
    }

    /** The OS version as our machine-readable output prints it ("OS|name|version"). */
    private static String osVersion(ProcessState s) {
        String first = MachineReadableWriter.write(s).lines().findFirst().orElseThrow();
        return first.split("\\|", -1)[2];
    }
}
