package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.minidump.Minidump;
import io.breakwater.stackwalk.Stackwalker;
import io.breakwater.stackwalk.output.JsonWriter;
import io.breakwater.symbols.DirectorySymbolSupplier;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The one-pass tree must be exactly what Jackson's general conversion gives. */
class PlainJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyPlainTypeBecomesTheNodeJacksonWouldMake() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "ünïcode \u0000 \"quoted\"");
        value.put("int", 7);
        value.put("long", 1L << 40);
        value.put("short", (short) 3);
        value.put("byte", (byte) -1);
        value.put("double", 0.25);
        value.put("float", 1.5f);
        value.put("big", new BigInteger("123456789012345678901234567890"));
        value.put("decimal", new BigDecimal("1.10"));
        value.put("true", true);
        value.put("null", null);
        value.put("list", Arrays.asList(1, "two", null, List.of(), Map.of()));
        value.put("nested", new TreeMap<>(Map.of("b", List.of(Map.of("c", 1L)), "a", "x")));
        value.put("other", new ArrayList<>(List.of(new StringBuilder("as a string"))));

        JsonNode expected = MAPPER.valueToTree(value);
        assertEquals(expected, PlainJson.tree(value));
        assertEquals(MAPPER.valueToTree(List.of()), PlainJson.tree(List.of()));
    }

    @Test
    void theWalksOfTheGeneratedCorpusConvertTheSameAsWithJackson() throws Exception {
        assumeTrue(Files.isDirectory(GeneratedCorpus.DIR), "corpus not found at " + GeneratedCorpus.DIR.toAbsolutePath());
        Stackwalker walker = new Stackwalker(new DirectorySymbolSupplier(GeneratedCorpus.SYMBOLS));
        int compared = 0;
        for (String name : GeneratedCorpus.DUMPS.keySet()) {
            try (Minidump dump = Minidump.open(GeneratedCorpus.dump(name))) {
                Map<String, Object> walk = JsonWriter.toMap(walker.process(dump));
                JsonNode tree = PlainJson.tree(walk);
                assertEquals(MAPPER.valueToTree(walk), tree, name);
                assertEquals(MAPPER.writeValueAsString(walk), MAPPER.writeValueAsString(tree), name);
                compared++;
            }
        }
        assertTrue(compared >= 10, "dumps compared: " + compared);
    }
}
