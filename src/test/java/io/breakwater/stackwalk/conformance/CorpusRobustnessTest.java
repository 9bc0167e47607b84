package io.breakwater.stackwalk.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.breakwater.minidump.Minidump;
import io.breakwater.minidump.MinidumpFormatException;
import io.breakwater.stackwalk.ProcessState;
import io.breakwater.stackwalk.Stackwalker;
import io.breakwater.stackwalk.output.HumanWriter;
import io.breakwater.stackwalk.output.JsonWriter;
import io.breakwater.stackwalk.output.MachineReadableWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every minidump of the corpus is walked and written in all three formats without an exception. */
class CorpusRobustnessTest {

    @Test
    void everyCorpusDumpIsWalked() {
        Path root = Corpus.requireRoot();
        Stackwalker walker = new Stackwalker(Corpus.symbols(root.resolve("generated/symbols")));
        List<Path> dumps = Corpus.allDumps(root);
        assertFalse(dumps.isEmpty());
        List<String> failures = new ArrayList<>();
        int walked = 0;
        int rejected = 0;
        for (Path dump : dumps) {
            try (Minidump m = Minidump.open(dump)) {
                ProcessState s = walker.process(m);
                JsonWriter.write(s, false);
                MachineReadableWriter.write(s);
                HumanWriter.write(s);
                walked++;
            } catch (MinidumpFormatException e) {
                rejected++; // a clear error for a file that is not a minidump at all
            } catch (RuntimeException | StackOverflowError e) {
                failures.add(root.relativize(dump) + ": " + e);
            }
        }
        System.out.println("corpus dumps walked: " + walked + ", rejected as not minidumps: " + rejected);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(walked >= dumps.size() - 2, "only the fuzz-found files may be rejected outright");
    }
}
