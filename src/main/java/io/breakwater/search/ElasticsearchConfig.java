package io.breakwater.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The Elasticsearch node and the crash indices ({@code breakwater.es.*}). */
@ConfigMapping(prefix = "breakwater.es")
public interface ElasticsearchConfig {

    /** The node's base URL; the embedded node's unless {@code BREAKWATER_ES_URL} names another. */
    Optional<String> url();

    /** Weekly indices are {@code <prefix>-<YYYY><WW>}, their alias {@code <prefix>} ({@link CrashIndexNames}). */
    @WithDefault("breakwater-crashes")
    String indexPrefix();

    @WithDefault("1")
    int shards();

    @WithDefault("0")
    int replicas();

    /** How soon an indexed crash becomes searchable. */
    @WithDefault("1s")
    String refreshInterval();

    /** Weekly indices older than this are deleted by {@link CrashIndexManager#deleteExpired()}. */
    @WithDefault("26")
    int retentionWeeks();

    /** The indices' translog durability: {@code request} or {@code async}. */
    @WithDefault("request")
    String translogDurability();

    /**
     * An assembled node home for the embedded services. They read it themselves before the application starts;
     * it is named here so that it is a known key.
     */
    Optional<String> home();
}
