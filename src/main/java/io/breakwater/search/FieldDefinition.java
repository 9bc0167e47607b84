package io.breakwater.search;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One searchable processed-crash field.
 *
 * @param name        document and Super Search name
 * @param sources     where the value comes from, first non-empty wins: a dotted path in the processed crash,
 *                    or {@code raw_crash.<Annotation>}
 * @param split       when not null, a string value is split on it into a list
 * @param isProtected only callers with the protected-data permission may see or filter on it
 */
public record FieldDefinition(
        String name,
        List<String> sources,
        QueryType queryType,
        StorageType storage,
        String split,
        Set<Operator> operators,
        boolean isProtected,
        String description) {

    public static final String RAW_CRASH_PREFIX = "raw_crash.";

    public FieldDefinition {
        Objects.requireNonNull(name);
        sources = List.copyOf(sources);
        Objects.requireNonNull(queryType);
        Objects.requireNonNull(storage);
        operators = Set.copyOf(operators);
        description = description == null ? "" : description;
    }

    /** The document field for exact matching, wildcards, regexes, facets and sorting. */
    public String exactKey() {
        return storage == StorageType.TEXT ? name + "." + StorageType.FULL_SUBFIELD : name;
    }

    public boolean allows(Operator operator) {
        return operators.contains(operator);
    }
}
