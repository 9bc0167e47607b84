package io.breakwater.search;

/** Elasticsearch refused the index template or mapping: fixing it needs an operator, not a retry. */
public class SearchConfigurationException extends RuntimeException {
    public SearchConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
