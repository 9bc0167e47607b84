package io.breakwater.collector;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VersionsTest {

    @Test
    void ordersDottedVersionsNumerically() {
        List<String> expected = List.of("1.0a1", "1.0a2", "1.0b1", "1.0rc1", "1.0", "1.0.1", "1.2.3-beta", "1.2.3",
                "1.9", "1.10", "60.0a1", "60.0b2", "60.0", "100.0.4896.75", "100.0.4896.127", "115.3.0");
        List<String> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.sort(Versions.ORDER);
        assertEquals(expected, shuffled);
    }

    @Test
    void trailingZerosAndLeadingZerosDoNotMatter() {
        assertEquals(0, Versions.compare("1.0", "1.0.0"));
        assertEquals(0, Versions.compare("1.02", "1.2"));
        assertEquals(0, Versions.compare(" 3.4 ", "3.4"));
        assertEquals(1, Integer.signum(Versions.compare("12345678901234567890.1", "12345678901234567890")));
    }
}
