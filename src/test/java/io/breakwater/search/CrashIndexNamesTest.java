package io.breakwater.search;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CrashIndexNamesTest {

    private final CrashIndexNames names = new CrashIndexNames("breakwater-crashes");

    @Test
    void weekNumbersFollowPythonPercentW() {
        // Values from Python's strftime('%W').
        assertEquals(0, CrashIndexNames.weekOfYear(LocalDate.of(2026, 1, 1)));   // Thursday before the first Monday
        assertEquals(0, CrashIndexNames.weekOfYear(LocalDate.of(2026, 1, 4)));   // Sunday
        assertEquals(1, CrashIndexNames.weekOfYear(LocalDate.of(2026, 1, 5)));   // first Monday
        assertEquals(1, CrashIndexNames.weekOfYear(LocalDate.of(2024, 1, 1)));   // year starting on a Monday
        assertEquals(47, CrashIndexNames.weekOfYear(LocalDate.of(2026, 11, 24)));
        assertEquals(52, CrashIndexNames.weekOfYear(LocalDate.of(2025, 12, 31)));
        assertEquals(53, CrashIndexNames.weekOfYear(LocalDate.of(2024, 12, 30)));
    }

    @Test
    void indexNamesAndAlias() {
        assertEquals("breakwater-crashes-202647", names.indexFor(Instant.parse("2026-11-24T23:59:59Z")));
        assertEquals("breakwater-crashes-202600", names.indexFor(LocalDate.of(2026, 1, 2)));
        assertEquals("breakwater-crashes", names.alias());
        assertEquals("breakwater-crashes-*", names.wildcard());
        assertTrue(names.isCrashIndex("breakwater-crashes-202647"));
        assertFalse(names.isCrashIndex("breakwater-crashes"));
        assertFalse(names.isCrashIndex("breakwater-crashes-2026470"));
        assertThrows(IllegalArgumentException.class, () -> new CrashIndexNames("Bad Prefix"));
    }

    @Test
    void indicesBetweenCoverEveryDayOnce() {
        List<String> idx = names.indicesBetween(Instant.parse("2025-12-25T10:00:00Z"), Instant.parse("2026-01-06T00:00:00Z"));
        assertEquals(List.of("breakwater-crashes-202551", "breakwater-crashes-202552",
                "breakwater-crashes-202600", "breakwater-crashes-202601"), idx);
    }

    @Test
    void firstAndLastDayRoundTripForEveryDayOfSeveralYears() {
        for (LocalDate d = LocalDate.of(2023, 1, 1); d.isBefore(LocalDate.of(2028, 1, 1)); d = d.plusDays(1)) {
            String index = names.indexFor(d);
            LocalDate first = names.firstDay(index).orElseThrow();
            LocalDate end = names.endExclusive(index).orElseThrow();
            assertFalse(d.isBefore(first), d + " before " + first);
            assertTrue(d.isBefore(end), d + " not before " + end);
            assertEquals(index, names.indexFor(first));
            assertEquals(index, names.indexFor(end.minusDays(1)));
        }
        assertTrue(names.firstDay("breakwater-crashes-202699").isEmpty());
        assertTrue(names.firstDay("other-202601").isEmpty());
    }
}
