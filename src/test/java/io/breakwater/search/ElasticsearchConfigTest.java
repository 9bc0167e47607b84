package io.breakwater.search;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The {@code breakwater.es.*} keys as the mapping reads them, with the defaults the indices were made with. */
class ElasticsearchConfigTest {

    private static ElasticsearchConfig read(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new MapBackedConfigSource("test", properties) { })
                .withMapping(ElasticsearchConfig.class)
                .build();
        return config.getConfigMapping(ElasticsearchConfig.class);
    }

    @Test
    void defaults() {
        ElasticsearchConfig es = read(Map.of());
        assertEquals(Optional.empty(), es.url());
        assertEquals("breakwater-crashes", es.indexPrefix());
        assertEquals(1, es.shards());
        assertEquals(0, es.replicas());
        assertEquals("1s", es.refreshInterval());
        assertEquals(26, es.retentionWeeks());
        assertEquals("request", es.translogDurability());
    }

    @Test
    void everyKeyIsRead() {
        ElasticsearchConfig es = read(Map.of(
                "breakwater.es.url", "http://search:9200",
                "breakwater.es.index-prefix", "team-crashes",
                "breakwater.es.shards", "3",
                "breakwater.es.replicas", "1",
                "breakwater.es.refresh-interval", "30s",
                "breakwater.es.retention-weeks", "8",
                "breakwater.es.translog-durability", "async",
                "breakwater.es.home", "/opt/es"));
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
