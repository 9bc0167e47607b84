package io.breakwater.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What {@link LocalServices} needs to decide: the data directory and, per service, whether an external
 * one is configured. Values come from a lookup (system properties then environment by default) so tests
 * can describe a configuration without touching the JVM's global state.
 */
public record ServiceConfig(
        Path dataDir,
        Optional<String> externalDbUrl,
        Optional<String> externalS3Endpoint,
        Optional<String> externalEsUrl,
        boolean elasticsearchEnabled) {

    public static final String DATA_DIR = "breakwater.data-dir";
    public static final String DEFAULT_DATA_DIR = "./data";

    /** Reads system properties first, then environment variables. */
    public static ServiceConfig fromEnvironment() {
        return from(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(name);
        });
    }

    /** For tests: a fixed set of values; anything absent counts as not configured. */
    public static ServiceConfig fromMap(Map<String, String> values) {
        return from(values::get);
    }

    /**
     * Builds the configuration from a lookup that answers both property-style and environment-style
     * names (e.g. {@code breakwater.data-dir} and {@code BREAKWATER_DATA_DIR}).
     */
    public static ServiceConfig from(UnaryOperator<String> lookup) {
        String dataDir = first(lookup, DATA_DIR, "BREAKWATER_DATA_DIR").orElse(DEFAULT_DATA_DIR);
        Optional<String> db = first(lookup, "BREAKWATER_DB_URL", "breakwater.db.url",
                "quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL");
        Optional<String> s3 = first(lookup, "BREAKWATER_S3_ENDPOINT", "breakwater.s3.endpoint");
        Optional<String> es = first(lookup, "BREAKWATER_ES_URL", "breakwater.es.url");
        // Lets tests of the PG/S3 parts skip the heavier search node; production always wants it.
        boolean esEnabled = first(lookup, "breakwater.local.elasticsearch", "BREAKWATER_LOCAL_ELASTICSEARCH")
                .map(Boolean::parseBoolean).orElse(true);
        return new ServiceConfig(Path.of(dataDir).toAbsolutePath().normalize(), db, s3, es, esEnabled);
    }

    private static Optional<String> first(UnaryOperator<String> lookup, String... names) {
        for (String name : names) {
            String value = lookup.apply(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }
}
