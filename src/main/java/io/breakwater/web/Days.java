package io.breakwater.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Day keys of date-histogram buckets. */
final class Days {

    private Days() {
    }

    /** A bucket key (ISO date-time text or epoch millis) as a UTC day; null when unreadable. */
    static LocalDate parse(Object key) {
        if (key instanceof Number n) {
            return LocalDate.ofInstant(Instant.ofEpochMilli(n.longValue()), ZoneOffset.UTC);
        }
        String s = String.valueOf(key);
        if (s.length() >= 10) {
            try {
                return LocalDate.parse(s.substring(0, 10));
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        Instant instant = Text.instant(s);
        return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
