package io.breakwater.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;

/**
 * Turns crash data into display text. Qute escapes HTML; this makes the rest readable: control and
 * bidi-formatting characters become visible placeholders (so a value cannot reorder or hide the page's
 * text), and values are bounded.
 */
public final class Text {

    /** Longest value shown inline; longer ones are cut with a note of the full length. */
    public static final int MAX_INLINE = 1000;

    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Text() {
    }

    /** Any value as printable text: null → empty, collections joined with ", ". */
    public static String of(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder();
            for (Object o : c) {
                if (!sb.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(of(o));
            }
            return sb.toString();
        }
        if (value instanceof Map<?, ?> m) {
            return printable(m.toString());
        }
        return printable(String.valueOf(value));
    }

    /** Same as {@link #of} but cut to {@link #MAX_INLINE} characters. */
    public static String bounded(Object value) {
        return truncate(of(value), MAX_INLINE);
    }

    public static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s == null ? "" : s;
        }
        int cut = max;
        if (Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, cut) + "… [" + s.length() + " characters in all]";
    }

    /**
     * Replaces C0/C1 controls (except tab and newline) with Unicode control pictures or {@code \\uXXXX}, and
     * invisible formatting characters (bidi overrides, zero-width) with {@code \\uXXXX}.
     */
    public static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = null;
            if (c < 0x20 && c != '\n' && c != '\t') {
                replacement = String.valueOf((char) (0x2400 + c));
            } else if (c == 0x7f) {
                replacement = "\u2421";
            } else if ((c >= 0x80 && c < 0xa0) || Character.getType(c) == Character.FORMAT
                    || (Character.isSurrogate(c) && !validSurrogateAt(s, i))) {
                replacement = String.format("\\u%04x", (int) c);
            }
            if (replacement != null) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                sb.append(replacement);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    public static String url(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    /** A stored date (ISO-8601 text, epoch seconds or millis) as {@code yyyy-MM-dd HH:mm:ss UTC}; else the text. */
    public static String date(Object value) {
        Instant instant = instant(value);
        return instant == null ? of(value) : DISPLAY.format(instant);
    }

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            long v = n.longValue();
            // Seconds until the year 5138, then milliseconds.
            return v < 100_000_000_000L ? Instant.ofEpochSecond(v) : Instant.ofEpochMilli(v);
        }
        String s = String.valueOf(value).trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                if (s.matches("\\d{1,12}")) {
                    return instant(Long.parseLong(s));
                }
                return null;
            }
        }
    }

    /** Seconds as {@code 3 d 4 h}, {@code 5 min 2 s}, … */
    public static String duration(Object seconds) {
        if (!(seconds instanceof Number n)) {
            if (seconds == null) {
                return "";
            }
            try {
                return duration(Long.parseLong(String.valueOf(seconds).trim()));
            } catch (NumberFormatException e) {
                return of(seconds);
            }
        }
        long s = n.longValue();
        if (s < 0) {
            return s + " s";
        }
        Duration d = Duration.ofSeconds(s);
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        return s + " s";
    }

    public static String percent(long part, long total) {
        if (total <= 0) {
            return "0.00 %";
        }
        return String.format(java.util.Locale.ROOT, "%.2f %%", 100.0 * part / total);
    }

    /** {@code 0x0000000000401a2c} → {@code 0x401a2c}: leading zeros of hex offsets and addresses only cost width. */
    public static String compactHex(String s) {
        if (s == null || s.length() < 3 || !(s.startsWith("0x") || s.startsWith("0X"))) {
            return s == null ? "" : s;
        }
        for (int i = 2; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return s;
            }
        }
        int start = 2;
        while (start < s.length() - 1 && s.charAt(start) == '0') {
            start++;
        }
        return "0x" + s.substring(start).toLowerCase(java.util.Locale.ROOT);
    }
}
