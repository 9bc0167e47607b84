package io.breakwater.search;

/**
 * What a Super Search caller may touch: public fields only, or protected ones too (callers holding the
 * protected-data permission, through the unredacted endpoint).
 */
public enum SearchAccess {
    PUBLIC_ONLY,
    PROTECTED_ALLOWED;

    /** The permission (role) that allows protected fields. */
    public static final String PROTECTED_DATA_PERMISSION = "view_pii";

    public boolean mayUse(FieldDefinition field) {
        return this == PROTECTED_ALLOWED || !field.isProtected();
    }
}
