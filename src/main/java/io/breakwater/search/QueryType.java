package io.breakwater.search;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static io.breakwater.search.Operator.*;

/** How a field is searched: decides its operators and how parameter values are validated. */
public enum QueryType {
    STRING(EnumSet.of(HAS_TERMS, IS_EXACTLY, CONTAINS, STARTS_WITH, ENDS_WITH, REGEX, IS_NULL)),
    ENUM(EnumSet.of(HAS_TERMS, IS_EXACTLY, IS_NULL)),
    INTEGER(EnumSet.of(HAS_TERMS, IS_EXACTLY, GREATER, GREATER_OR_EQUAL, LOWER, LOWER_OR_EQUAL, IS_NULL)),
    FLOAT(EnumSet.of(HAS_TERMS, IS_EXACTLY, GREATER, GREATER_OR_EQUAL, LOWER, LOWER_OR_EQUAL, IS_NULL)),
    BOOL(EnumSet.of(HAS_TERMS, IS_TRUE, IS_NULL)),
    DATE(EnumSet.of(GREATER, GREATER_OR_EQUAL, LOWER, LOWER_OR_EQUAL, IS_NULL));

    private final Set<Operator> defaultOperators;

    QueryType(Set<Operator> defaultOperators) {
        this.defaultOperators = defaultOperators;
    }

    public Set<Operator> defaultOperators() {
        return EnumSet.copyOf(defaultOperators);
    }

    /** Name used in the registry file and the SuperSearchFields API. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Date and number fields can be histogrammed. */
    public boolean isHistogrammable() {
        return this == DATE || this == INTEGER || this == FLOAT;
    }

    public boolean isNumeric() {
        return this == INTEGER || this == FLOAT;
    }

    public static QueryType fromJson(String name) {
        for (QueryType t : values()) {
            if (t.jsonName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown query_type '" + name + "'");
    }
}
