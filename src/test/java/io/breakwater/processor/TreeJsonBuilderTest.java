package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.minidump.Minidump;
import io.breakwater.stackwalk.ProcessState;
import io.breakwater.stackwalk.Stackwalker;
import io.breakwater.stackwalk.output.JsonWriter;
import io.breakwater.symbols.DirectorySymbolSupplier;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The walk output built straight into a Jackson tree is, key for key and in the same order, the tree the
 * plain maps and lists convert to: over every dump of the corpus, and with an output budget that cuts threads.
 */
class TreeJsonBuilderTest {

    private static final Path CORPUS = Path.of("..", "shared", "corpus");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void sameDocumentAsThePlainFormForEveryCorpusDump() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "corpus not found at " + CORPUS.toAbsolutePath());
        Stackwalker walker = new Stackwalker(new DirectorySymbolSupplier(GeneratedCorpus.SYMBOLS));
        List<Path> dumps;
        try (Stream<Path> files = Files.walk(CORPUS)) {
            dumps = files.filter(p -> p.getFileName().toString().endsWith(".dmp")).sorted().toList();
        }
        assertFalse(dumps.isEmpty());
        int compared = 0;
        int cut = 0;
        for (Path dump : dumps) {
            ProcessState state;
            try (Minidump minidump = Minidump.open(dump)) {
                state = walker.process(minidump);
            } catch (Exception unreadable) {
                continue; // the corpus holds deliberately broken dumps; the walker's own tests cover them
            }
            for (long budget : new long[] {Stackwalker.Budgets.DEFAULT.maxJsonBytes(), 20_000}) {
                List<String> plainNotes = new ArrayList<>();
                List<String> treeNotes = new ArrayList<>();
                JsonNode plain = PlainJson.tree(JsonWriter.toMap(state, budget, plainNotes));
                JsonNode tree = JsonWriter.build(state, budget, treeNotes, TreeJsonBuilder.INSTANCE);
                assertEquals(MAPPER.writeValueAsString(plain), MAPPER.writeValueAsString(tree), dump.toString());
                assertEquals(plainNotes, treeNotes, dump.toString());
                if (!treeNotes.isEmpty()) cut++;
                compared++;
            }
        }
        assertTrue(compared >= 20, "only " + compared + " walks compared");
        assertTrue(cut > 0, "no dump was large enough to exercise the output budget");
    }
}
