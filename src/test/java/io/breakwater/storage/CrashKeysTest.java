package io.breakwater.storage;

import org.junit.jupiter.api.Test;

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
}
