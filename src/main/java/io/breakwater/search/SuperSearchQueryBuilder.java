package io.breakwater.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.JsonData;
import io.breakwater.search.SuperSearchRequest.Agg;
import io.breakwater.search.SuperSearchRequest.Cardinality;
import io.breakwater.search.SuperSearchRequest.Condition;
import io.breakwater.search.SuperSearchRequest.FieldFilter;
import io.breakwater.search.SuperSearchRequest.Histogram;
import io.breakwater.search.SuperSearchRequest.NestedAggs;
import io.breakwater.search.SuperSearchRequest.Terms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Elasticsearch request of a Super Search. Values of one field are OR-ed, except ranges, which
 * are AND-ed, and negated values, which must all fail; different fields are AND-ed. Everything is a filter
 * (no scoring). Only core query types are used: term, match, prefix, wildcard, regexp, range, exists.
 */
public final class SuperSearchQueryBuilder {

    private final CrashIndexNames names;

    public SuperSearchQueryBuilder(CrashIndexNames names) {
        this.names = names;
    }

    /** The weekly indices covering the request's date window. */
    public List<String> indices(SuperSearchRequest request) {
        return names.indicesBetween(request.dateFrom(), request.dateTo());
    }

    public SearchRequest build(SuperSearchRequest request) {
        List<Query> fieldQueries = new ArrayList<>();
        for (FieldFilter filter : request.filters()) {
            fieldQueries.add(fieldQuery(filter));
        }
        Map<String, Aggregation> aggs = aggregations(request);
        List<String> indices = indices(request);
        return SearchRequest.of(s -> {
            s.index(indices)
                    .ignoreUnavailable(true)
                    .allowNoIndices(true)
                    .trackTotalHits(t -> t.enabled(true))
                    .query(q -> q.bool(b -> b.filter(fieldQueries)))
                    .from(request.resultsOffset())
                    .size(request.resultsNumber())
                    .source(src -> src.filter(f -> f.includes(request.columns().stream().map(FieldDefinition::name).toList())));
            boolean byId = false;
            for (SuperSearchRequest.Sort sort : request.sort()) {
                FieldDefinition field = sort.field();
                byId |= field.name().equals(FieldRegistry.ID_FIELD);
                s.sort(so -> so.field(fs -> fs.field(field.exactKey())
                        .order(sort.descending() ? SortOrder.Desc : SortOrder.Asc)
                        .missing("_last")
                        .unmappedType(unmappedType(field))));
            }
            if (request.sort().isEmpty()) {
                s.sort(so -> so.field(fs -> fs.field(FieldRegistry.DATE_FIELD).order(SortOrder.Desc)));
            }
            if (!byId) {
                // Stable paging among equal sort values.
                s.sort(so -> so.field(fs -> fs.field(FieldRegistry.ID_FIELD).order(SortOrder.Asc)));
            }
            if (!aggs.isEmpty()) {
                s.aggregations(aggs);
            }
            return s;
        });
    }

    static Query fieldQuery(FieldFilter filter) {
        FieldDefinition field = filter.field();
        List<Query> anyOf = new ArrayList<>();
        List<Query> allOf = new ArrayList<>();
        List<Query> noneOf = new ArrayList<>();
        for (Condition c : filter.conditions()) {
            Query q = conditionQuery(field, c);
            if (c.negated()) {
                noneOf.add(q);
            } else if (c.operator().isRange()) {
                allOf.add(q);
            } else {
                anyOf.add(q);
            }
        }
        if (anyOf.size() == 1 && allOf.isEmpty() && noneOf.isEmpty()) {
            return anyOf.get(0);
        }
        return Query.of(q -> q.bool(b -> {
            b.filter(allOf).mustNot(noneOf);
            if (!anyOf.isEmpty()) {
                b.should(anyOf).minimumShouldMatch("1");
            }
            return b;
        }));
    }

    static Query conditionQuery(FieldDefinition field, Condition c) {
        String name = field.name();
        String exact = field.exactKey();
        Object v = c.value();
        return switch (c.operator()) {
            case HAS_TERMS -> {
                if (field.storage() == StorageType.TEXT) {
                    yield Query.of(q -> q.match(m -> m.field(name).query((String) v).operator(Operator.And)));
                }
                if (v instanceof String s) {
                    yield Query.of(q -> q.term(t -> t.field(name).value(s).caseInsensitive(true)));
                }
                yield Query.of(q -> q.term(t -> t.field(name).value(fieldValue(v))));
            }
            case IS_EXACTLY -> Query.of(q -> q.term(t -> t.field(exact).value(fieldValue(v))));
            case CONTAINS -> Query.of(q -> q.wildcard(w -> w.field(exact)
                    .value("*" + escapeWildcard((String) v) + "*").caseInsensitive(true)));
            case ENDS_WITH -> Query.of(q -> q.wildcard(w -> w.field(exact)
                    .value("*" + escapeWildcard((String) v)).caseInsensitive(true)));
            case STARTS_WITH -> Query.of(q -> q.prefix(p -> p.field(exact).value((String) v).caseInsensitive(true)));
            case REGEX -> Query.of(q -> q.regexp(r -> r.field(exact).value((String) v)));
            case GREATER, GREATER_OR_EQUAL, LOWER, LOWER_OR_EQUAL -> Query.of(q -> q.range(r -> r.untyped(u -> {
                u.field(name);
                JsonData bound = v instanceof Instant i ? JsonData.of(i.toString()) : JsonData.of(v);
                switch (c.operator()) {
                    case GREATER -> u.gt(bound);
                    case GREATER_OR_EQUAL -> u.gte(bound);
                    case LOWER -> u.lt(bound);
                    default -> u.lte(bound);
                }
                return u;
            })));
            case IS_NULL -> Query.of(q -> q.bool(b -> b.mustNot(m -> m.exists(e -> e.field(name)))));
            case IS_TRUE -> Query.of(q -> q.term(t -> t.field(name).value(true)));
        };
    }

    private static FieldValue fieldValue(Object v) {
        return switch (v) {
            case String s -> FieldValue.of(s);
            case Long l -> FieldValue.of(l);
            case Double d -> FieldValue.of(d);
            case Boolean b -> FieldValue.of(b);
            case Instant i -> FieldValue.of(i.toString());
            default -> throw new IllegalArgumentException("unsupported value " + v);
        };
    }

    /** {@code ~} and {@code $} search for the literal text: wildcard characters in it are escaped. */
    static String escapeWildcard(String s) {
        StringBuilder b = new StringBuilder(s.length() + 4);
        for (char ch : s.toCharArray()) {
            if (ch == '*' || ch == '?' || ch == '\\') {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.toString();
    }

    private static FieldType unmappedType(FieldDefinition field) {
        return switch (field.storage()) {
            case KEYWORD, TEXT -> FieldType.Keyword;
            case LONG -> FieldType.Long;
            case INTEGER -> FieldType.Integer;
            case DOUBLE -> FieldType.Double;
            case BOOLEAN -> FieldType.Boolean;
            case DATE -> FieldType.Date;
        };
    }

    Map<String, Aggregation> aggregations(SuperSearchRequest request) {
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        if (request.facetsSize() > 0) {
            for (Agg agg : request.facets()) {
                aggs.put(agg.responseName(), aggregation(agg, request, List.of()));
            }
            for (NestedAggs nested : request.nestedAggs()) {
                // _aggs.a.b=c: terms(a) > terms(b) > c; replaces a plain facet on a (it is a superset of it).
                aggs.put(nested.path().get(0).name(), nestedAggregation(nested.path(), 0, nested.inner(), request));
            }
            for (SuperSearchRequest.HistogramAggs h : request.histograms()) {
                Histogram histogram = new Histogram(h.field());
                aggs.put(histogram.responseName(), aggregation(histogram, request, h.inner()));
            }
        }
        for (FieldDefinition f : request.cardinalities()) {
            Cardinality c = new Cardinality(f);
            aggs.put(c.responseName(), aggregation(c, request, List.of()));
        }
        return aggs;
    }

    private Aggregation nestedAggregation(List<FieldDefinition> path, int depth, List<Agg> inner,
                                          SuperSearchRequest request) {
        if (depth == path.size() - 1) {
            return aggregation(new Terms(path.get(depth)), request, inner);
        }
        Aggregation child = nestedAggregation(path, depth + 1, inner, request);
        Aggregation terms = aggregation(new Terms(path.get(depth)), request, List.of());
        return Aggregation.of(a -> a.terms(terms.terms()).aggregations(path.get(depth + 1).name(), child));
    }

    private Aggregation aggregation(Agg agg, SuperSearchRequest request, List<Agg> inner) {
        Map<String, Aggregation> subs = new LinkedHashMap<>();
        for (Agg sub : inner) {
            subs.put(sub.responseName(), aggregation(sub, request, List.of()));
        }
        FieldDefinition field = agg.field();
        return Aggregation.of(a -> {
            var builder = switch (agg) {
                case Terms t -> a.terms(x -> x.field(field.exactKey()).size(request.facetsSize()));
                case Cardinality c -> a.cardinality(x -> x.field(field.exactKey()));
                case Histogram h -> {
                    String interval = request.histogramIntervals().get(field.name());
                    if (field.queryType() == QueryType.DATE) {
                        yield a.dateHistogram(x -> {
                            x.field(field.name()).minDocCount(0);
                            String iv = interval == null ? "1d" : interval;
                            CalendarInterval calendar = calendarInterval(iv);
                            if (calendar != null) {
                                x.calendarInterval(calendar);
                            } else {
                                x.fixedInterval(t -> t.time(iv));
                            }
                            return x;
                        });
                    }
                    double numeric = interval == null ? 1 : Double.parseDouble(interval);
                    yield a.histogram(x -> x.field(field.name()).interval(numeric).minDocCount(1));
                }
            };
            if (!subs.isEmpty()) {
                builder.aggregations(subs);
            }
            return builder;
        });
    }

    private static CalendarInterval calendarInterval(String interval) {
        return switch (interval) {
            case "1m" -> CalendarInterval.Minute;
            case "1h" -> CalendarInterval.Hour;
            case "1d" -> CalendarInterval.Day;
            case "1w" -> CalendarInterval.Week;
            case "1M" -> CalendarInterval.Month;
            case "1q" -> CalendarInterval.Quarter;
            case "1y" -> CalendarInterval.Year;
            default -> null;
        };
    }
}
