package io.breakwater.storage;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrashIdsTest {

    @Test
    void idEndsWithThrottleDigitAndReceiptDate() {
        String id = CrashIds.create(LocalDate.of(2016, 9, 18), 0, new Random(1));
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{5}0160918"), id);
        assertEquals(LocalDate.of(2016, 9, 18), CrashIds.date(id).orElseThrow());
        assertEquals("20160918", CrashIds.dateKey(id));
        assertEquals(0, CrashIds.throttleDigit(id));
        assertEquals(1, CrashIds.throttleDigit(CrashIds.create(LocalDate.of(2024, 1, 2), 1)));
        assertTrue(CrashIds.isValid(id));
        // a version-4 UUID apart from its last 7 characters
        assertEquals('4', id.charAt(14));
        assertTrue("89ab".indexOf(id.charAt(19)) >= 0, id);
    }

    @Test
    void idsAreRandom() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(CrashIds.create(LocalDate.of(2024, 1, 2), 0));
        }
        assertEquals(10_000, ids.size());
    }

    @Test
    void validationAndNormalisation() {
        assertEquals("de1bb258-cbbf-4589-a673-34f800160918",
                CrashIds.normalize("bp-DE1BB258-cbbf-4589-a673-34f800160918").orElseThrow());
        assertFalse(CrashIds.isValid("de1bb258-cbbf-4589-a673-34f800169918"));   // month 99
        assertFalse(CrashIds.isValid("../../etc/passwd"));
        assertFalse(CrashIds.isValid("de1bb258-cbbf-4589-a673-34f8001609180"));
        assertFalse(CrashIds.isValid(null));
        assertTrue(CrashIds.normalize("not an id").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> CrashIds.create(LocalDate.now(), 10));
    }
}
