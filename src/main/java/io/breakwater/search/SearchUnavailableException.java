package io.breakwater.search;

/** Elasticsearch cannot be reached or is overloaded; the operation may succeed later. */
public class SearchUnavailableException extends RuntimeException {
    public SearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
