package io.breakwater.storage;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrashKeysTest {

    private static final String ID = "de1bb258-cbbf-4589-a673-34f800160918";

    @Test
    void socorroLayout() {
        assertEquals("v1/raw_crash/20160918/" + ID, CrashKeys.rawCrash(ID));
        assertEquals("v1/dump_names/" + ID, CrashKeys.dumpNames(ID));
        assertEquals("v1/upload_file_minidump/" + ID, CrashKeys.dump(ID, "upload_file_minidump"));
        assertEquals("v1/processed_crash/" + ID, CrashKeys.processedCrash(ID));
        assertEquals("v1/raw_crash/20160918/", CrashKeys.rawCrashDayPrefix("20160918"));
    }

    @Test
    void refusesAnythingThatCouldEscapeTheLayout() {
        assertThrows(IllegalArgumentException.class, () -> CrashKeys.rawCrash("../" + ID));
        assertThrows(IllegalArgumentException.class, () -> CrashKeys.dump(ID, "../raw_crash"));
        assertThrows(IllegalArgumentException.class, () -> CrashKeys.dump(ID, "raw_crash"));
        assertThrows(IllegalArgumentException.class, () -> CrashKeys.dump(ID, "processed_crash"));
        assertThrows(IllegalArgumentException.class, () -> CrashKeys.dump(ID, ""));
        assertThrows(IllegalArgumentException.class, () -> CrashKeys.rawCrashDayPrefix("2016/09"));
        assertTrue(CrashKeys.isValidDumpName("upload_file_minidump_browser"));
        assertFalse(CrashKeys.isValidDumpName("a.b"));
    }

    @Test
    void dumpNamesAreCheckedAsTheFormatsPatternWouldCheckThem() {
        Pattern format = Pattern.compile("[A-Za-z0-9_-]{1,100}");
        String alphabet = "aZ09_-./\\ \u00e9\u0000:%";
        Random random = new Random(7);
        int valid = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(8) == 0 ? 95 + random.nextInt(10) : random.nextInt(6);
            for (int i = 0; i < length; i++) {
                // Mostly allowed characters, so that long valid names occur too.
                name.append(random.nextInt(20) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : alphabet.charAt(random.nextInt(6)));
            }
            String candidate = name.toString();
            boolean expected = format.matcher(candidate).matches() && !CrashKeys.RESERVED_NAMES.contains(candidate);
            assertEquals(expected, CrashKeys.isValidDumpName(candidate), candidate);
            valid += expected ? 1 : 0;
        }
        assertTrue(valid > 1000 && valid < 19_000, "both kinds were tried: " + valid);
        assertFalse(CrashKeys.isValidDumpName(null));
        assertFalse(CrashKeys.isValidDumpName("dump_names"));
        assertTrue(CrashKeys.isValidDumpName("a".repeat(100)));
        assertFalse(CrashKeys.isValidDumpName("a".repeat(101)));
    }
}
