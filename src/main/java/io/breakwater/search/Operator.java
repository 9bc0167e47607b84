package io.breakwater.search;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Super Search value operators, written as a prefix of the parameter value ({@code signature=~foo}). */
public enum Operator {
    HAS_TERMS(""),
    IS_EXACTLY("="),
    CONTAINS("~"),
    STARTS_WITH("^"),
    ENDS_WITH("$"),
    REGEX("@"),
    GREATER_OR_EQUAL(">="),
    LOWER_OR_EQUAL("<="),
    GREATER(">"),
    LOWER("<"),
    IS_NULL("__null__"),
    IS_TRUE("__true__");

    /** Negates any operator when it comes first: {@code !~foo}, {@code !__null__}. */
    public static final String NOT = "!";

    // Longest first, so ">=" is not read as ">" followed by a value "=...".
    private static final List<Operator> BY_LENGTH = Arrays.stream(values())
            .filter(o -> !o.token.isEmpty())
            .sorted(Comparator.comparingInt((Operator o) -> o.token.length()).reversed())
            .toList();

    private final String token;

    Operator(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public boolean isRange() {
        return this == GREATER || this == GREATER_OR_EQUAL || this == LOWER || this == LOWER_OR_EQUAL;
    }

    /** True for operators that take no value ({@code __null__}, {@code __true__}). */
    public boolean isValueless() {
        return this == IS_NULL || this == IS_TRUE;
    }

    public static Optional<Operator> fromToken(String token) {
        return Arrays.stream(values()).filter(o -> o.token.equals(token)).findFirst();
    }

    /** Operators with a non-empty token, longest first. */
    static List<Operator> prefixOperators() {
        return BY_LENGTH;
    }
}
