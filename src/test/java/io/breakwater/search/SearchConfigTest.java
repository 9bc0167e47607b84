package io.breakwater.search;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code breakwater.search.*} and {@code breakwater.es.*} keys as the mappings read them, with the defaults
 * the indices were made with; bulk requests beside the rest.
 */
class SearchConfigTest {

    private static SmallRyeConfig read(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new MapBackedConfigSource("test", properties) { })
                // Quarkus's own reading of "10s" and "50ms", as the application gets it.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(SearchConfig.class)
                .withMapping(SearchBulkConfig.class)
                .withMapping(ElasticsearchConfig.class)
                .build();
    }

    @Test
    void defaults() {
        SearchConfig search = read(Map.of()).getConfigMapping(SearchConfig.class);
        assertEquals(Optional.empty(), search.extraFieldsFile());
        assertEquals(Duration.ofSeconds(10), search.unavailableCoolDown());
        assertEquals("30s", search.catchUp().interval());
        assertEquals("20s", search.catchUp().delay());
        assertEquals(200, search.catchUp().batchSize());
        assertEquals(50, search.catchUp().maxBatches());
    }

    @Test
    void everyKeyIsReadAndBulkKeysBelongToTheirOwnMapping() {
        SmallRyeConfig config = read(Map.of(
                "breakwater.search.extra-fields-file", "/etc/breakwater/fields.json",
                "breakwater.search.unavailable-cool-down", "2s",
                "breakwater.search.catch-up.interval", "off",
                "breakwater.search.catch-up.delay", "1s",
                "breakwater.search.catch-up.batch-size", "7",
                "breakwater.search.catch-up.max-batches", "3",
                "breakwater.search.bulk.max-docs", "40",
                "breakwater.search.bulk.linger", "50ms"));
        SearchConfig search = config.getConfigMapping(SearchConfig.class);
        assertEquals(Optional.of("/etc/breakwater/fields.json"), search.extraFieldsFile());
        assertEquals(Duration.ofSeconds(2), search.unavailableCoolDown());
        assertEquals("off", search.catchUp().interval());
        assertEquals("1s", search.catchUp().delay());
        assertEquals(7, search.catchUp().batchSize());
        assertEquals(3, search.catchUp().maxBatches());
        SearchBulkConfig bulk = config.getConfigMapping(SearchBulkConfig.class);
        assertEquals(40, bulk.maxDocs());
        assertEquals(Duration.ofMillis(50), bulk.linger());
    }

    @Test
    void elasticsearchDefaults() {
        ElasticsearchConfig es = read(Map.of()).getConfigMapping(ElasticsearchConfig.class);
        assertEquals(Optional.empty(), es.url());
        assertEquals("breakwater-crashes", es.indexPrefix());
        assertEquals(1, es.shards());
        assertEquals(0, es.replicas());
        assertEquals("1s", es.refreshInterval());
        assertEquals(26, es.retentionWeeks());
        assertEquals("request", es.translogDurability());
    }

    @Test
    void everyElasticsearchKeyIsRead() {
        ElasticsearchConfig es = read(Map.of(
                "breakwater.es.url", "http://search:9200",
                "breakwater.es.index-prefix", "team-crashes",
                "breakwater.es.shards", "3",
                "breakwater.es.replicas", "1",
                "breakwater.es.refresh-interval", "30s",
                "breakwater.es.retention-weeks", "8",
                "breakwater.es.translog-durability", "async",
                "breakwater.es.home", "/opt/es")).getConfigMapping(ElasticsearchConfig.class);
        assertEquals(Optional.of("http://search:9200"), es.url());
        assertEquals("team-crashes", es.indexPrefix());
        assertEquals(3, es.shards());
        assertEquals(1, es.replicas());
        assertEquals("30s", es.refreshInterval());
        assertEquals(8, es.retentionWeeks());
        assertEquals("async", es.translogDurability());
        assertEquals(Optional.of("/opt/es"), es.home());
    }
}
