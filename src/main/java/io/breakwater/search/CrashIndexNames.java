package io.breakwater.search;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weekly crash index names, {@code <prefix>-<YYYY><WW>} with Socorro's {@code %Y%W} week number: weeks start
 * on Monday and the days of January before the first Monday are week 00. A week that spans New Year is
 * therefore split over two indices (e.g. 202552 and 202600), which keeps every name a pure function of the
 * UTC date. The alias {@code <prefix>} covers all live indices.
 */
public final class CrashIndexNames {

    private final String prefix;
    private final Pattern indexPattern;

    public CrashIndexNames(String prefix) {
        if (prefix == null || !prefix.matches("[a-z0-9][a-z0-9_\\-]{0,100}")) {
            throw new IllegalArgumentException("index prefix must be lower-case letters, digits, '-' or '_': " + prefix);
        }
        this.prefix = prefix;
        this.indexPattern = Pattern.compile(Pattern.quote(prefix) + "-(\\d{4})(\\d{2})");
    }

    /** The alias over every live crash index. */
    public String alias() {
        return prefix;
    }

    /** The wildcard the index template applies to. */
    public String wildcard() {
        return prefix + "-*";
    }

    public String templateName() {
        return prefix;
    }

    public String indexFor(Instant instant) {
        return indexFor(instant.atOffset(ZoneOffset.UTC).toLocalDate());
    }

    public String indexFor(LocalDate date) {
        return String.format("%s-%04d%02d", prefix, date.getYear(), weekOfYear(date));
    }

    /** Python's {@code %W}: Monday-based week of the year, 00 before the first Monday. */
    public static int weekOfYear(LocalDate date) {
        int dayOfYear0 = date.getDayOfYear() - 1;
        int mondayBased0 = date.getDayOfWeek().getValue() - 1;
        return (dayOfYear0 + 7 - mondayBased0) / 7;
    }

    /** Indices that may hold crashes dated within [from, to], oldest first (bounded by the caller's range). */
    public List<String> indicesBetween(Instant from, Instant to) {
        LocalDate start = from.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate end = to.atOffset(ZoneOffset.UTC).toLocalDate();
        Set<String> names = new LinkedHashSet<>();
        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
            names.add(indexFor(d));
        }
        return new ArrayList<>(names);
    }

    public boolean isCrashIndex(String name) {
        return indexPattern.matcher(name).matches();
    }

    /** First day covered by a crash index, or empty when the name is not one of ours. */
    public Optional<LocalDate> firstDay(String indexName) {
        Matcher m = indexPattern.matcher(indexName);
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        if (week > 53) {
            return Optional.empty();
        }
        LocalDate jan1 = LocalDate.of(year, 1, 1);
        if (week == 0) {
            return Optional.of(jan1);
        }
        LocalDate firstMonday = jan1.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        LocalDate start = firstMonday.plusWeeks(week - 1L);
        return start.getYear() == year ? Optional.of(start) : Optional.empty();
    }

    /** Day after the last day covered by a crash index (weeks end on Sunday or on 31 December). */
    public Optional<LocalDate> endExclusive(String indexName) {
        return firstDay(indexName).map(start -> {
            LocalDate nextMonday = start.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            LocalDate nextYear = LocalDate.of(start.getYear() + 1, 1, 1);
            return nextMonday.isBefore(nextYear) ? nextMonday : nextYear;
        });
    }
}
