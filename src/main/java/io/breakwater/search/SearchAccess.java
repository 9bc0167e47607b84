package io.breakwater.search;

import java.time.Duration;

/**
 * What a Super Search caller may touch, as decided by the access policy ({@code io.breakwater.access}):
 * protected fields (the protected-data permission, through the unredacted endpoint) and date ranges longer
 * than the public limit (the long-queries permission).
 */
public record SearchAccess(boolean protectedFields, boolean longQueries) {

    public static final SearchAccess PUBLIC_ONLY = new SearchAccess(false, false);
    public static final SearchAccess PROTECTED_ALLOWED = new SearchAccess(true, false);

    /** The permission (role) that allows protected fields. */
    public static final String PROTECTED_DATA_PERMISSION = "view_pii";
    /** The permission (role) that allows ranges up to {@link #LONG_RANGE}. */
    public static final String LONG_QUERIES_PERMISSION = "run_long_queries";

    /** The longest date range of a search for everyone. */
    public static final Duration PUBLIC_RANGE = Duration.ofDays(365);
    /** The longest date range with the long-queries permission. */
    public static final Duration LONG_RANGE = Duration.ofDays(5 * 366);

    public boolean mayUse(FieldDefinition field) {
        return protectedFields || !field.isProtected();
    }

    public Duration maxRange() {
        return longQueries ? LONG_RANGE : PUBLIC_RANGE;
    }
}
