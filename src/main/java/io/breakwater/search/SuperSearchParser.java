package io.breakwater.search;

import io.breakwater.search.SuperSearchRequest.Agg;
import io.breakwater.search.SuperSearchRequest.Cardinality;
import io.breakwater.search.SuperSearchRequest.Condition;
import io.breakwater.search.SuperSearchRequest.FieldFilter;
import io.breakwater.search.SuperSearchRequest.Histogram;
import io.breakwater.search.SuperSearchRequest.NestedAggs;
import io.breakwater.search.SuperSearchRequest.Sort;
import io.breakwater.search.SuperSearchRequest.Terms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads Socorro's Super Search parameter grammar against the field registry. Every problem is reported as
 * a {@link SuperSearchException} naming the parameter: unknown fields and controls, operators a field does
 * not take, values of the wrong type, protected fields used without permission.
 */
public final class SuperSearchParser {

    public static final List<String> DEFAULT_COLUMNS = List.of("uuid", "date", "signature", "product", "version");
    public static final int DEFAULT_RESULTS = 100;
    public static final int MAX_RESULTS = 1000;
    /** Elasticsearch's default max_result_window. */
    public static final int MAX_WINDOW = 10_000;
    public static final int DEFAULT_FACETS_SIZE = 50;
    public static final int MAX_FACETS_SIZE = 10_000;
    public static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    public static final int MAX_VALUE_LENGTH = 1000;
    public static final int MAX_VALUES_PER_FIELD = 200;
    public static final int MAX_NESTING = 3;
    private static final Pattern DATE_INTERVAL = Pattern.compile("([1-9]\\d{0,3})([smhdwMqy])");

    private final FieldRegistry registry;
    private final Clock clock;

    public SuperSearchParser(FieldRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public SuperSearchRequest parse(Map<String, List<String>> params, SearchAccess access) {
        Map<String, List<String>> fieldParams = new LinkedHashMap<>();
        Map<String, List<String>> controls = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            List<String> values = e.getValue() == null ? List.of() : e.getValue();
            (e.getKey().startsWith("_") ? controls : fieldParams).put(e.getKey(), values);
        }

        List<FieldFilter> filters = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : fieldParams.entrySet()) {
            FieldDefinition field = field(e.getKey(), e.getKey(), access);
            List<String> values = e.getValue().stream().filter(v -> v != null && !v.isEmpty()).toList();
            if (values.size() > MAX_VALUES_PER_FIELD) {
                throw SuperSearchException.badRequest(field.name(), "Too many values for " + field.name()
                        + " (at most " + MAX_VALUES_PER_FIELD + ")");
            }
            List<Condition> conditions = new ArrayList<>();
            for (String raw : values) {
                conditions.add(condition(field, raw));
            }
            if (!conditions.isEmpty()) {
                filters.add(new FieldFilter(field, conditions));
            }
        }
        Instant[] range = dateRange(filters, access);

        List<FieldDefinition> columns = new ArrayList<>();
        List<Sort> sort = new ArrayList<>();
        int resultsNumber = DEFAULT_RESULTS;
        int resultsOffset = 0;
        int facetsSize = DEFAULT_FACETS_SIZE;
        List<Agg> facets = null;
        List<NestedAggs> nested = new ArrayList<>();
        List<SuperSearchRequest.HistogramAggs> histograms = new ArrayList<>();
        Map<String, String> intervals = new LinkedHashMap<>();
        List<FieldDefinition> cardinalities = new ArrayList<>();
        boolean returnQuery = false;
        boolean columnsGiven = false;

        for (Map.Entry<String, List<String>> e : controls.entrySet()) {
            String key = e.getKey();
            List<String> values = e.getValue().stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
            switch (key) {
                case "_columns" -> {
                    columnsGiven = true;
                    for (String v : values) {
                        FieldDefinition f = field(v, key, access);
                        if (!columns.contains(f)) {
                            columns.add(f);
                        }
                    }
                }
                case "_sort" -> {
                    for (String v : values) {
                        boolean desc = v.startsWith("-");
                        sort.add(new Sort(field(desc ? v.substring(1) : v, key, access), desc));
                    }
                }
                case "_results_number" -> resultsNumber = integer(key, values, 0, MAX_RESULTS, DEFAULT_RESULTS);
                case "_results_offset" -> resultsOffset = integer(key, values, 0, MAX_WINDOW, 0);
                case "_facets_size" -> facetsSize = integer(key, values, 0, MAX_FACETS_SIZE, DEFAULT_FACETS_SIZE);
                case "_facets" -> facets = aggs(key, values, access);
                case "_return_query" -> returnQuery = bool(key, values);
                default -> {
                    if (key.startsWith("_aggs.")) {
                        String[] parts = key.substring("_aggs.".length()).split("\\.", -1);
                        if (parts.length > MAX_NESTING) {
                            throw SuperSearchException.badRequest(key, "At most " + MAX_NESTING
                                    + " nested fields in " + key);
                        }
                        List<FieldDefinition> path = new ArrayList<>();
                        for (String p : parts) {
                            path.add(field(p, key, access));
                        }
                        nested.add(new NestedAggs(path, aggs(key, values, access)));
                    } else if (key.startsWith("_histogram.")) {
                        FieldDefinition f = histogramField(key.substring("_histogram.".length()), key, access);
                        histograms.removeIf(h -> h.field().equals(f));
                        histograms.add(new SuperSearchRequest.HistogramAggs(f, aggs(key, values, access)));
                    } else if (key.startsWith("_histogram_interval.")) {
                        FieldDefinition f = histogramField(key.substring("_histogram_interval.".length()), key, access);
                        if (values.size() != 1) {
                            throw SuperSearchException.badRequest(key, key + " takes exactly one value");
                        }
                        intervals.put(f.name(), interval(f, key, values.get(0)));
                    } else if (key.startsWith("_cardinality.")) {
                        FieldDefinition f = cardinalityField(key.substring("_cardinality.".length()), key);
                        if (!cardinalities.contains(f)) {
                            cardinalities.add(f);
                        }
                    } else {
                        throw SuperSearchException.badRequest(key, "Unknown parameter \"" + key + "\"");
                    }
                }
            }
        }
        if (!columnsGiven) {
            for (String name : DEFAULT_COLUMNS) {
                registry.find(name).filter(access::mayUse).ifPresent(columns::add);
            }
        }
        if (facets == null) {
            facets = registry.find("signature").filter(access::mayUse)
                    .<List<Agg>>map(f -> List.of(new Terms(f))).orElse(List.of());
        }
        if ((long) resultsOffset + resultsNumber > MAX_WINDOW) {
            throw SuperSearchException.badRequest("_results_offset", "_results_offset + _results_number cannot exceed "
                    + MAX_WINDOW + "; narrow the search instead of paging that deep");
        }
        for (String f : intervals.keySet()) {
            if (histograms.stream().noneMatch(h -> h.field().name().equals(f)) && facets.stream().noneMatch(a -> a instanceof Histogram h && h.field().name().equals(f))
                    && nested.stream().noneMatch(n -> n.inner().stream().anyMatch(a -> a instanceof Histogram h && h.field().name().equals(f)))) {
                throw SuperSearchException.badRequest("_histogram_interval." + f, "_histogram_interval." + f
                        + " given without a histogram of " + f);
            }
        }
        checkDateBuckets(intervals.getOrDefault(FieldRegistry.DATE_FIELD, "1d"), range[0], range[1]);
        return new SuperSearchRequest(filters, range[0], range[1], columns, sort, resultsNumber, resultsOffset,
                facetsSize, facets, nested, histograms, intervals, cardinalities, returnQuery);
    }

    private FieldDefinition field(String name, String parameter, SearchAccess access) {
        FieldDefinition f = registry.find(name).orElseThrow(() -> SuperSearchException.badRequest(parameter,
                parameter.equals(name) ? "Unknown field \"" + name + "\""
                        : "Unknown field \"" + name + "\" in " + parameter));
        if (!access.mayUse(f)) {
            throw SuperSearchException.forbidden(parameter, "Field \"" + f.name()
                    + "\" is protected: it needs the " + SearchAccess.PROTECTED_DATA_PERMISSION
                    + " permission and the SuperSearchUnredacted endpoint; anonymous callers may use public fields only");
        }
        return f;
    }

    private FieldDefinition histogramField(String name, String parameter, SearchAccess access) {
        FieldDefinition f = field(name, parameter, access);
        if (!f.queryType().isHistogrammable()) {
            throw SuperSearchException.badRequest(parameter, "Cannot build a histogram of \"" + name
                    + "\": only date and number fields");
        }
        return f;
    }

    /** Counting distinct values reveals none of them, so protected fields may be counted by anyone. */
    private FieldDefinition cardinalityField(String name, String parameter) {
        return registry.find(name).orElseThrow(() -> SuperSearchException.badRequest(parameter,
                "Unknown field \"" + name + "\" in " + parameter));
    }

    /** Values of {@code _facets}, {@code _aggs.*} and {@code _histogram.*}: fields, _cardinality.f, _histogram.f. */
    private List<Agg> aggs(String parameter, List<String> values, SearchAccess access) {
        List<Agg> aggs = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String v : values) {
            Agg agg;
            if (v.startsWith("_cardinality.")) {
                agg = new Cardinality(cardinalityField(v.substring("_cardinality.".length()), parameter));
            } else if (v.startsWith("_histogram.")) {
                agg = new Histogram(histogramField(v.substring("_histogram.".length()), parameter, access));
            } else {
                agg = new Terms(field(v, parameter, access));
            }
            if (seen.add(agg.responseName())) {
                aggs.add(agg);
            }
        }
        return aggs;
    }

    Condition condition(FieldDefinition field, String raw) {
        String value = raw;
        boolean negated = false;
        if (value.startsWith(Operator.NOT)) {
            negated = true;
            value = value.substring(1);
        }
        Operator operator = Operator.HAS_TERMS;
        for (Operator candidate : Operator.prefixOperators()) {
            if (field.allows(candidate) && value.startsWith(candidate.token())) {
                operator = candidate;
                value = value.substring(candidate.token().length());
                break;
            }
        }
        String name = field.name();
        if (operator == Operator.HAS_TERMS && !field.allows(Operator.HAS_TERMS)) {
            throw SuperSearchException.badRequest(name, "Field \"" + name + "\" needs an operator, one of "
                    + field.operators().stream().filter(o -> o != Operator.HAS_TERMS).map(Operator::token)
                    .sorted().collect(Collectors.joining(" ")) + " (value \"" + raw + "\")");
        }
        if (operator.isValueless()) {
            if (!value.isEmpty()) {
                throw SuperSearchException.badRequest(name, operator.token() + " takes no value (\"" + raw + "\")");
            }
            return new Condition(operator, negated, null);
        }
        if (value.isEmpty()) {
            throw SuperSearchException.badRequest(name, "Missing value after operator in " + name + "=" + raw);
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw SuperSearchException.badRequest(name, "Value for " + name + " is longer than "
                    + MAX_VALUE_LENGTH + " characters");
        }
        Object typed = switch (field.queryType()) {
            case STRING, ENUM -> value;
            case INTEGER -> {
                try {
                    yield Long.parseLong(value.trim());
                } catch (NumberFormatException e) {
                    throw SuperSearchException.badRequest(name, "Bad value for " + name + ": \"" + value
                            + "\" is not an integer");
                }
            }
            case FLOAT -> {
                try {
                    double d = Double.parseDouble(value.trim());
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    yield d;
                } catch (NumberFormatException e) {
                    throw SuperSearchException.badRequest(name, "Bad value for " + name + ": \"" + value
                            + "\" is not a number");
                }
            }
            case BOOL -> switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "true", "t", "1", "yes", "y" -> Boolean.TRUE;
                case "false", "f", "0", "no", "n" -> Boolean.FALSE;
                default -> throw SuperSearchException.badRequest(name, "Bad value for " + name + ": \"" + value
                        + "\" is not a boolean (true or false)");
            };
            case DATE -> {
                Instant instant = CrashDocumentBuilder.parseDateText(value.trim());
                if (instant == null) {
                    throw SuperSearchException.badRequest(name, "Bad value for " + name + ": \"" + value
                            + "\" is not a date (YYYY-MM-DD or ISO-8601 date-time)");
                }
                yield instant;
            }
        };
        return new Condition(operator, negated, typed);
    }

    /** The searched window of the date field: given bounds, or the last 7 days; added as conditions when absent. */
    private Instant[] dateRange(List<FieldFilter> filters, SearchAccess access) {
        FieldDefinition dateField = registry.get(FieldRegistry.DATE_FIELD);
        int index = -1;
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i).field().equals(dateField)) {
                index = i;
            }
        }
        Instant from = null;
        Instant to = null;
        List<Condition> conditions = new ArrayList<>(index < 0 ? List.of() : filters.get(index).conditions());
        for (Condition c : conditions) {
            if (c.negated() || !c.operator().isRange()) {
                throw SuperSearchException.badRequest(dateField.name(), "date takes only >, >=, < and <= (no !, no __null__)");
            }
            Instant v = (Instant) c.value();
            if (c.operator() == Operator.GREATER || c.operator() == Operator.GREATER_OR_EQUAL) {
                from = from == null || v.isAfter(from) ? v : from;
            } else {
                to = to == null || v.isBefore(to) ? v : to;
            }
        }
        if (to == null) {
            to = clock.instant();
            conditions.add(new Condition(Operator.LOWER_OR_EQUAL, false, to));
        }
        if (from == null) {
            from = to.minus(DEFAULT_RANGE);
            conditions.add(new Condition(Operator.GREATER_OR_EQUAL, false, from));
        }
        if (from.isAfter(to)) {
            throw SuperSearchException.badRequest(dateField.name(), "The date range is empty: " + from + " is after " + to);
        }
        if (Duration.between(from, to).compareTo(access.maxRange()) > 0) {
            throw SuperSearchException.badRequest(dateField.name(), "The date range is longer than "
                    + access.maxRange().toDays() + " days" + (access.longQueries() ? ""
                    : "; the " + SearchAccess.LONG_QUERIES_PERMISSION + " permission allows up to "
                    + SearchAccess.LONG_RANGE.toDays() + " days"));
        }
        FieldFilter dateFilter = new FieldFilter(dateField, conditions);
        if (index < 0) {
            filters.add(dateFilter);
        } else {
            filters.set(index, dateFilter);
        }
        return new Instant[] {from, to};
    }

    /** Elasticsearch refuses more than 65,536 buckets; a date histogram of the searched window stays well below. */
    static final long MAX_DATE_BUCKETS = 10_000;

    private static void checkDateBuckets(String interval, Instant from, Instant to) {
        var m = DATE_INTERVAL.matcher(interval);
        if (!m.matches()) {
            return;
        }
        long unitSeconds = switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86_400;
            case "w" -> 7 * 86_400;
            case "M" -> 28 * 86_400;
            case "q" -> 90 * 86_400;
            default -> 365 * 86_400;
        };
        long buckets = Duration.between(from, to).getSeconds() / (unitSeconds * Long.parseLong(m.group(1)));
        if (buckets > MAX_DATE_BUCKETS) {
            throw SuperSearchException.badRequest("_histogram_interval." + FieldRegistry.DATE_FIELD, "_histogram_interval."
                    + FieldRegistry.DATE_FIELD + "=" + interval + " makes " + buckets + " buckets over the date range; at most "
                    + MAX_DATE_BUCKETS);
        }
    }

    private static int integer(String key, List<String> values, int min, int max, int fallback) {
        if (values.isEmpty()) {
            return fallback;
        }
        if (values.size() > 1) {
            throw SuperSearchException.badRequest(key, key + " takes one value");
        }
        int n;
        try {
            n = Integer.parseInt(values.get(0));
        } catch (NumberFormatException e) {
            throw SuperSearchException.badRequest(key, "Bad value for " + key + ": \"" + values.get(0)
                    + "\" is not an integer");
        }
        if (n < min || n > max) {
            throw SuperSearchException.badRequest(key, key + " must be between " + min + " and " + max);
        }
        return n;
    }

    private static boolean bool(String key, List<String> values) {
        if (values.isEmpty()) {
            return false;
        }
        return switch (values.get(0).toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "t", "y" -> true;
            case "false", "0", "no", "f", "n" -> false;
            default -> throw SuperSearchException.badRequest(key, "Bad value for " + key + ": not a boolean");
        };
    }

    /** Date: 1d / day, 1h / hour, 1w / week, 1M / month, 1q, 1y, 1m / minute; Nx with N > 1 as a fixed interval. Numbers: > 0. */
    private static String interval(FieldDefinition f, String key, String value) {
        if (f.queryType() == QueryType.DATE) {
            String v = switch (value) {
                case "minute" -> "1m";
                case "hour" -> "1h";
                case "day" -> "1d";
                case "week" -> "1w";
                case "month" -> "1M";
                case "quarter" -> "1q";
                case "year" -> "1y";
                default -> value;
            };
            var m = DATE_INTERVAL.matcher(v);
            if (!m.matches() || (!m.group(1).equals("1") && "wMqy".contains(m.group(2)))) {
                throw SuperSearchException.badRequest(key, "Bad value for " + key + ": \"" + value
                        + "\"; use minute, hour, day, week, month, quarter, year or a count and unit like 6h, 2d");
            }
            return v;
        }
        try {
            double d = Double.parseDouble(value);
            if (!(d > 0) || !Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw SuperSearchException.badRequest(key, "Bad value for " + key + ": \"" + value
                    + "\" is not a positive number");
        }
    }
}
