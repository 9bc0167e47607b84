package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionOrderTest {

    private static void assertBefore(String earlier, String later) {
        assertTrue(VersionOrder.compare(earlier, later) < 0, earlier + " < " + later);
        assertTrue(VersionOrder.compare(later, earlier) > 0, later + " > " + earlier);
    }

    private static void assertSame(String a, String b) {
        assertEquals(0, VersionOrder.compare(a, b), a + " == " + b);
        assertEquals(0, VersionOrder.compare(b, a), b + " == " + a);
    }

    @Test
    void dottedNumbersCompareByValueNotText() {
        assertBefore("1.9", "1.10");
        assertBefore("1.2.9", "1.2.10");
        assertBefore("9", "10");
        assertBefore("2.99.99", "3");
        assertBefore("1.0", "1.0.1");
        assertBefore("99999999999999999999.1", "100000000000000000000.0");
    }

    @Test
    void missingAndLeadingZeroPartsAreEqual() {
        assertSame("1.0", "1.0.0");
        assertSame("1", "1.0.0.0");
        assertSame("1.01", "1.1");
        assertSame(" 2.3 ", "2.3");
    }

    @Test
    void semverPreReleasesComeBeforeTheRelease() {
        assertBefore("1.0.0-beta.2", "1.0.0");
        assertBefore("1.0.0-alpha", "1.0.0-alpha.1");
        assertBefore("1.0.0-alpha.1", "1.0.0-alpha.beta");
        assertBefore("1.0.0-alpha.beta", "1.0.0-beta");
        assertBefore("1.0.0-beta.2", "1.0.0-beta.11");
        assertBefore("1.0.0-beta.11", "1.0.0-rc.1");
        assertBefore("1.0.0-rc.1", "1.0.0");
        assertBefore("1.0.0", "1.0.1-alpha");
    }

    @Test
    void firefoxStyleTagsArePreReleases() {
        assertBefore("120.0a1", "120.0b1");
        assertBefore("120.0b1", "120.0b10");
        assertBefore("120.0b10", "120.0");
        assertBefore("120.0", "120.0.1");
        assertBefore("119.0.1", "120.0a1");
        assertBefore("3.6rc2", "3.6");
        assertBefore("3.6b9", "3.6rc1");
        assertSame("120.0B1", "120.0b1");
    }

    @Test
    void buildMetadataAndALeadingVAreIgnored() {
        assertSame("1.0.0+build.5", "1.0.0");
        assertSame("1.0.0-beta+exp.sha.5114f85", "1.0.0-beta");
        assertSame("v2.1", "2.1");
        assertSame("V2.1", "2.1.0");
    }

    @Test
    void unnumberedVersionsSortFirstAndAreNeverAtLeastANumber() {
        assertBefore("nightly", "0.1");
        assertBefore("", "1");
        assertBefore("alpha", "beta");
        assertSame("Nightly", "nightly");
        assertFalse(VersionOrder.isNumbered("nightly"));
        assertFalse(VersionOrder.isNumbered(null));
        assertFalse(VersionOrder.isNumbered("v"));
        assertFalse(VersionOrder.isNumbered("١٢٠"), "only ASCII digits count");
        assertTrue(VersionOrder.isNumbered("v3"));
        assertFalse(VersionOrder.atLeast("nightly", "1.0"));
        assertFalse(VersionOrder.atLeast("2.0", "unknown"));
        assertFalse(VersionOrder.atLeast(null, "1.0"));
    }

    @Test
    void oddNumberedVersionsFallBackToTextWithinAPart() {
        assertBefore("1.x", "1.0");
        assertBefore("1.2-", "1.2");
        assertBefore("2.0.0.0a", "2.0.0.0");
        assertTrue(VersionOrder.compare("1.2_foo", "1.2_bar") > 0);
        assertBefore("1.2_bar", "1.2");
    }

    @Test
    void atLeastIsTheRegressionTest() {
        assertTrue(VersionOrder.atLeast("120.0", "120.0"));
        assertTrue(VersionOrder.atLeast("120.0.1", "120.0"));
        assertTrue(VersionOrder.atLeast("121.0a1", "120.0"));
        assertTrue(VersionOrder.atLeast("1.10", "1.9"));
        assertFalse(VersionOrder.atLeast("120.0b9", "120.0"));
        assertFalse(VersionOrder.atLeast("1.0.0-beta.2", "1.0.0"));
        assertFalse(VersionOrder.atLeast("1.9", "1.10"));
    }

    @Test
    void sortingIsConsistentWhateverTheInputOrder() {
        List<String> expected = List.of("nightly", "1.0.0-alpha", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0",
                "1.1", "1.9", "1.10", "120.0a1", "120.0b1", "120.0b10", "120.0", "120.0.1");
        Random random = new Random(11);
        for (int i = 0; i < 20; i++) {
            List<String> shuffled = new ArrayList<>(expected);
            Collections.shuffle(shuffled, random);
            shuffled.sort(VersionOrder.COMPARATOR);
            assertEquals(expected, shuffled);
        }
    }
}
