package io.breakwater.symbols;

/** A symbol file exceeds what one index can hold (more than 2^31 records or name bytes). */
final class SymbolLimitException extends RuntimeException {
    SymbolLimitException(String message) {
        super(message, null, false, false);
    }
}
