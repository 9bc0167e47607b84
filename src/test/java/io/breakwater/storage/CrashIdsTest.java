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

    @Test
    void calendarDatesOnly() {
        String base = "de1bb258-cbbf-4589-a673-34f800";
        assertTrue(CrashIds.isValid(base + "240229"));    // leap day
        assertFalse(CrashIds.isValid(base + "230229"));
        assertFalse(CrashIds.isValid(base + "240230"));
        assertFalse(CrashIds.isValid(base + "240001"));
        assertFalse(CrashIds.isValid(base + "240100"));
        assertEquals("20991231", CrashIds.dateKey(base + "991231"));
        assertEquals("20000101", CrashIds.dateKey(base + "000101"));
    }

    /** Single-character changes of a valid id, each judged as the id format's definition says. */
    @Test
    void everyOneCharacterChangeIsJudgedByTheFormat() {
        java.util.regex.Pattern format = java.util.regex.Pattern.compile(
                "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{5}[0-9]{7}");
        String valid = CrashIds.create(LocalDate.of(2026, 12, 4), 3);
        String alphabet = "0123456789abcdefABCDEFgz-_/. ";
        int checked = 0;
        for (int i = 0; i < valid.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                String id = valid.substring(0, i) + c + valid.substring(i + 1);
                boolean expected = format.matcher(id).matches() && isCalendarDate(id.substring(id.length() - 6));
                assertEquals(expected, CrashIds.isValid(id), id);
                checked++;
            }
        }
        assertEquals(valid.length() * alphabet.length(), checked);
        assertFalse(CrashIds.isValid(valid.substring(1)));
        assertFalse(CrashIds.isValid(valid + "0"));
    }

    private static boolean isCalendarDate(String yymmdd) {
        try {
            LocalDate.parse("20" + yymmdd, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
