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

/** The {@code breakwater.search.*} keys as the mappings read them, bulk requests beside the rest. */
class SearchConfigTest {

    private static SmallRyeConfig read(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new MapBackedConfigSource("test", properties) { })
                // Quarkus's own reading of "10s" and "50ms", as the application gets it.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(SearchConfig.class)
                .withMapping(SearchBulkConfig.class)
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
}
