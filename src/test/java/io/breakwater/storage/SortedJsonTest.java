package io.breakwater.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SortedJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void writesWhatTheSortingMapperWritesForRandomTrees() throws Exception {
        Random random = new Random(11);
        long bytes = 0;
        for (int n = 0; n < 3000; n++) {
            Object tree = value(random, 0);
            // Bytes, as the store writes them: the UTF-8 generator escapes a lone surrogate, a Writer would not.
            String expected = new String(MAPPER.writeValueAsBytes(tree), StandardCharsets.UTF_8);
            String actual = new String(SortedJson.write(tree, MAPPER), StandardCharsets.UTF_8);
            assertEquals(expected, actual);
            bytes += actual.length();
        }
        assertTrue(bytes > 100_000, "the trees were not trivial: " + bytes);
    }

    @Test
    void sortsUnsortedMapsAndKeepsASortedMapsOwnOrder() throws Exception {
        Map<String, Object> insertion = new LinkedHashMap<>();
        insertion.put("b", 1);
        insertion.put("a", List.of("x", 2L));
        assertEquals("{\"a\":[\"x\",2],\"b\":1}", new String(SortedJson.write(insertion, MAPPER), StandardCharsets.UTF_8));

        Map<String, Object> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.putAll(insertion);
        assertEquals(new String(MAPPER.writeValueAsBytes(reversed), StandardCharsets.UTF_8),
                new String(SortedJson.write(reversed, MAPPER), StandardCharsets.UTF_8));
        assertTrue(new String(SortedJson.write(reversed, MAPPER), StandardCharsets.UTF_8).startsWith("{\"b\""));
    }

    @Test
    void handsOtherValuesToTheMapper() throws Exception {
        Map<Object, Object> odd = new HashMap<>();
        odd.put(3, "integer key");
        Map<String, Object> tree = new TreeMap<>();
        tree.put("array", new int[] {1, 2});
        tree.put("enum", DayOfWeek.MONDAY);
        tree.put("integerKeys", odd);
        tree.put("set", Set.of("only"));
        assertEquals(new String(MAPPER.writeValueAsBytes(tree), StandardCharsets.UTF_8), new String(SortedJson.write(tree, MAPPER), StandardCharsets.UTF_8));
    }

    private static Object value(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 10 : 13);
        return switch (kind) {
            case 0 -> null;
            case 1, 2, 3 -> text(random);
            case 4 -> random.nextInt();
            case 5 -> random.nextLong();
            case 6 -> random.nextBoolean();
            case 7 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 8 -> random.nextInt(3) == 0 ? (Object) (short) random.nextInt() : random.nextFloat();
            case 9 -> random.nextBoolean() ? new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(10))
                    : BigInteger.valueOf(random.nextLong()).shiftLeft(random.nextInt(70));
            case 10 -> {
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    items.add(value(random, depth + 1));
                }
                yield items;
            }
            default -> {
                Map<String, Object> map = random.nextBoolean() ? new TreeMap<>()
                        : random.nextBoolean() ? new LinkedHashMap<>() : new HashMap<>();
                for (int i = random.nextInt(12); i > 0; i--) {
                    map.put(text(random), value(random, depth + 1));
                }
                yield map;
            }
        };
    }

    /** Annotation-like text: mostly ASCII, with quotes, escapes, control characters and non-ASCII, paired or not. */
    private static String text(Random random) {
        String specials = "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u20ac\ud83d\ude00\u2028";
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(30); i > 0; i--) {
            out.append(random.nextInt(6) == 0 ? specials.charAt(random.nextInt(specials.length()))
                    : (char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }
}
