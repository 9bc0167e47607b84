package io.breakwater.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A validated Super Search request. */
public record SuperSearchRequest(
        List<FieldFilter> filters,
        Instant dateFrom,
        Instant dateTo,
        List<FieldDefinition> columns,
        List<Sort> sort,
        int resultsNumber,
        int resultsOffset,
        int facetsSize,
        List<Agg> facets,
        /** {@code _aggs.a.b=c}: a terms on a, inside it a terms on b, inside it the listed aggregations. */
        List<NestedAggs> nestedAggs,
        /** {@code _histogram.f=g}: a histogram of f with the listed aggregations inside. */
        List<HistogramAggs> histograms,
        Map<String, String> histogramIntervals,
        List<FieldDefinition> cardinalities,
        boolean returnQuery) {

    /** Protected fields this request filters on, shows, sorts or aggregates by (counting them reveals nothing). */
    public java.util.Set<String> protectedFieldsUsed() {
        java.util.Set<String> used = new java.util.TreeSet<>();
        java.util.function.Consumer<FieldDefinition> note = f -> {
            if (f.isProtected()) used.add(f.name());
        };
        filters.forEach(f -> note.accept(f.field()));
        columns.forEach(note);
        sort.forEach(s -> note.accept(s.field()));
        java.util.function.Consumer<Agg> noteAgg = a -> {
            if (!(a instanceof Cardinality)) note.accept(a.field());
        };
        facets.forEach(noteAgg);
        nestedAggs.forEach(n -> {
            n.path().forEach(note);
            n.inner().forEach(noteAgg);
        });
        histograms.forEach(h -> {
            note.accept(h.field());
            h.inner().forEach(noteAgg);
        });
        return used;
    }

    /** One value condition. {@code value} is a String, Long, Double, Boolean or Instant; null for valueless operators. */
    public record Condition(Operator operator, boolean negated, Object value) {
    }

    public record FieldFilter(FieldDefinition field, List<Condition> conditions) {
    }

    public record Sort(FieldDefinition field, boolean descending) {
    }

    public record HistogramAggs(FieldDefinition field, List<Agg> inner) {
    }

    public record NestedAggs(List<FieldDefinition> path, List<Agg> inner) {
    }

    /** An aggregation inside a facet: terms, cardinality or histogram. */
    public sealed interface Agg permits Terms, Cardinality, Histogram {
        FieldDefinition field();

        /** The key it appears under in the response. */
        String responseName();
    }

    public record Terms(FieldDefinition field) implements Agg {
        public String responseName() {
            return field.name();
        }
    }

    public record Cardinality(FieldDefinition field) implements Agg {
        public String responseName() {
            return "cardinality_" + field.name();
        }
    }

    public record Histogram(FieldDefinition field) implements Agg {
        public String responseName() {
            return "histogram_" + field.name();
        }
    }
}
