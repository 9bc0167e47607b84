package io.breakwater.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.storage.CrashIds;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a processed crash (Socorro field names, annotations in a {@code raw_crash} map) into the lean
 * document that is indexed: only registry fields, converted to their storage type. Values that cannot be
 * converted are left out rather than failing the whole document. The full processed crash (including
 * {@code json_dump}) stays in object storage.
 */
public final class CrashDocumentBuilder {

    /** Longest string kept in a document; longer values are cut (the processed crash keeps them whole). */
    public static final int MAX_STRING = 16_384;
    /** Most list elements kept per field. */
    public static final int MAX_LIST = 1_000;

    private static final Pattern CRASH_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final DateTimeFormatter LOOSE_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private final FieldRegistry registry;

    public CrashDocumentBuilder(FieldRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param processed the processed crash
     * @param rawCrash  the crash annotations, or null to read them from {@code processed.raw_crash}
     * @throws IllegalArgumentException when the crash has no usable id or date
     */
    public CrashDocument build(JsonNode processed, JsonNode rawCrash) {
        if (processed == null || !processed.isObject()) {
            throw new IllegalArgumentException("processed crash is not a JSON object");
        }
        JsonNode annotations = rawCrash != null && rawCrash.isObject() ? rawCrash : processed.path("raw_crash");
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        for (FieldDefinition field : registry.all()) {
            for (String source : field.sources()) {
                JsonNode value = resolve(processed, annotations, source);
                JsonNode converted = convert(field, value);
                if (converted != null) {
                    doc.set(field.name(), converted);
                    break;
                }
            }
        }

        String id = crashId(doc).orElseThrow(() -> new IllegalArgumentException(
                "processed crash has no valid crash id (uuid or crash_id)"));
        doc.put(FieldRegistry.ID_FIELD, id);

        Instant date;
        JsonNode dateNode = doc.get(FieldRegistry.DATE_FIELD);
        if (dateNode != null) {
            date = documentDate(dateNode.asText());
        } else {
            // The id ends with the UTC submission day; it keeps the index stable when no timestamp is recorded.
            date = idDate(id).orElseThrow(() -> new IllegalArgumentException(
                    "crash " + id + " has no submission date and its id carries none"));
            doc.put(FieldRegistry.DATE_FIELD, date.toString());
        }

        Long version = null;
        Optional<Instant> completed = parseDate(processed.get("completed_datetime"));
        if (completed.isPresent()) {
            version = completed.get().toEpochMilli();
        }
        return new CrashDocument(id, date, version, doc);
    }

    /** The document's date, as {@link Instant#parse} reads it; the processor's form without a formatter. */
    static Instant documentDate(String text) {
        Instant canonical = parseCanonical(text);
        return canonical != null ? canonical : Instant.parse(text);
    }

    static Optional<String> crashId(ObjectNode doc) {
        JsonNode node = doc.get(FieldRegistry.ID_FIELD);
        if (node == null || !node.isTextual()) {
            return Optional.empty();
        }
        String id = node.asText().trim().toLowerCase(Locale.ROOT);
        return CRASH_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    /** True when the string looks like a crash id (lower-case UUID). */
    public static boolean isCrashId(String id) {
        return id != null && CRASH_ID.matcher(id).matches();
    }

    static Optional<Instant> idDate(String id) {
        return CrashIds.date(id).map(day -> day.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    private static JsonNode resolve(JsonNode processed, JsonNode annotations, String source) {
        JsonNode node;
        String path;
        if (source.startsWith(FieldDefinition.RAW_CRASH_PREFIX)) {
            node = annotations;
            path = source.substring(FieldDefinition.RAW_CRASH_PREFIX.length());
            // Annotation names are flat; look the whole name up first.
            JsonNode direct = node.get(path);
            if (direct != null) {
                return direct;
            }
        } else {
            node = processed;
            path = source;
        }
        for (String part : path.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    /** The stored form of a value, or null when it is empty or cannot be converted. */
    static JsonNode convert(FieldDefinition field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value.isArray()) {
            if (field.storage() != StorageType.KEYWORD && field.storage() != StorageType.TEXT) {
                // A list where a scalar is expected: keep the first convertible element.
                for (JsonNode element : value) {
                    JsonNode c = convert(field, element);
                    if (c != null && !c.isArray()) {
                        return c;
                    }
                }
                return null;
            }
            ArrayNode list = f.arrayNode();
            for (JsonNode element : value) {
                if (list.size() >= MAX_LIST) {
                    break;
                }
                String s = scalarText(element);
                if (s != null && !s.isBlank()) {
                    list.add(cut(s));
                }
            }
            return list.isEmpty() ? null : list;
        }
        return switch (field.storage()) {
            case KEYWORD, TEXT -> {
                String s = scalarText(value);
                if (s == null || s.isEmpty()) {
                    yield null;
                }
                if (field.split() != null) {
                    ArrayNode list = f.arrayNode();
                    for (String part : s.split(Pattern.quote(field.split()))) {
                        String p = part.trim();
                        if (!p.isEmpty() && list.size() < MAX_LIST) {
                            list.add(cut(p));
                        }
                    }
                    yield list.isEmpty() ? null : list;
                }
                yield f.textNode(cut(s));
            }
            case LONG, INTEGER -> {
                Long n = toLong(value);
                if (n == null || (field.storage() == StorageType.INTEGER
                        && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE))) {
                    yield null;
                }
                yield f.numberNode(n);
            }
            case DOUBLE -> {
                Double d = toDouble(value);
                yield d == null ? null : f.numberNode(d);
            }
            case BOOLEAN -> {
                Boolean b = toBoolean(value);
                yield b == null ? null : f.booleanNode(b);
            }
            case DATE -> parseDate(value).map(i -> (JsonNode) f.textNode(i.toString())).orElse(null);
        };
    }

    private static String scalarText(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        return null;
    }

    private static String cut(String s) {
        if (s.length() <= MAX_STRING) {
            return s;
        }
        int end = MAX_STRING;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    static Long toLong(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? value.asLong() : null;
        }
        if (value.isNumber()) {
            double d = value.asDouble();
            return Double.isFinite(d) && Math.abs(d) < 9.0e18 ? (long) d : null;
        }
        if (value.isTextual()) {
            String s = value.asText().trim();
            if (s.isEmpty() || s.length() > 40) {
                return null;
            }
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                try {
                    BigDecimal d = new BigDecimal(s);
                    return d.abs().compareTo(BigDecimal.valueOf(9.0e18)) < 0 ? d.longValue() : null;
                } catch (NumberFormatException e2) {
                    return null;
                }
            }
        }
        return null;
    }

    static Double toDouble(JsonNode value) {
        double d;
        if (value.isNumber()) {
            d = value.asDouble();
        } else if (value.isTextual() && value.asText().trim().length() <= 40) {
            try {
                d = Double.parseDouble(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return Double.isFinite(d) ? d : null;
    }

    static Boolean toBoolean(JsonNode value) {
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.asDouble() != 0;
        }
        if (value.isTextual()) {
            return switch (value.asText().trim().toLowerCase(Locale.ROOT)) {
                case "1", "true", "t", "yes", "y" -> true;
                case "0", "false", "f", "no", "n" -> false;
                default -> null;
            };
        }
        return null;
    }

    /** ISO-8601 (with or without offset, 'T' or space), a bare date, or epoch seconds / milliseconds. */
    static Optional<Instant> parseDate(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        Instant instant = null;
        if (value.isNumber()) {
            instant = fromEpoch(value.asDouble());
        } else if (value.isTextual()) {
            instant = parseDateText(value.asText().trim());
        }
        if (instant == null || instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            return Optional.empty();
        }
        return Optional.of(instant);
    }

    /** Parses the date forms accepted in documents and Super Search parameters; null when unparsable. */
    public static Instant parseDateText(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return null;
        }
        Instant canonical = parseCanonical(s);
        if (canonical != null) {
            return canonical;
        }
        if (EPOCH_NUMBER.matcher(s).matches()) {
            try {
                return fromEpoch(Double.parseDouble(s));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the looser forms below
        }
        try {
            var parsed = LOOSE_DATE_TIME.parse(s);
            LocalDateTime local = LocalDateTime.of(LocalDate.from(parsed),
                    java.time.LocalTime.from(parsed));
            ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
            return local.toInstant(offset);
        } catch (java.time.DateTimeException ignored) {
            // maybe a bare date
        }
        try {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final Pattern EPOCH_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)}, the form the processor writes, read without
     * {@code DateTimeFormatter}: every crash document has several. Null for any other form, which the general
     * parsers then read.
     */
    static Instant parseCanonical(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            int length = i - start;
            if (length > 9) {
                return null;
            }
            // A bare '.' is a fraction of zero digits, as ISO_OFFSET_DATE_TIME reads it.
            nanos = digits(s, start, length);
            for (int k = length; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int offsetHours = digits(s, i + 1, 2);
            int offsetMinutes = digits(s, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code length} digits at {@code at}, or -1. */
    private static int digits(String s, int at, int length) {
        int value = 0;
        for (int i = at; i < at + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static Instant fromEpoch(double n) {
        if (!Double.isFinite(n) || n < 0) {
            return null;
        }
        // Seconds until the year 5138; anything larger is milliseconds.
        double millis = n < 1.0e11 ? n * 1000 : n;
        if (millis > 1.0e15) {
            return null;
        }
        return Instant.ofEpochMilli((long) millis);
    }
}
