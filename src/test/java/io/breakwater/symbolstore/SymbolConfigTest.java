package io.breakwater.symbolstore;

import io.breakwater.processor.SymbolSourcesConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The two mappings under {@code breakwater.symbols}: the processor's sources and the symbol store's own keys,
 * read side by side from one set of properties, as the application reads them.
 */
class SymbolConfigTest {

    private static SmallRyeConfig read(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new MapBackedConfigSource("test", properties) { })
                // Expressions expanded, as Quarkus's configuration does: the cache default names the data directory.
                .addDefaultInterceptors()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(SymbolSourcesConfig.class)
                .withMapping(SymbolStoreConfig.class)
                .build();
    }

    @Test
    void defaults() {
        SmallRyeConfig config = read(Map.of());
        SymbolSourcesConfig sources = config.getConfigMapping(SymbolSourcesConfig.class);
        assertEquals(List.of(), sources.directories());
        assertEquals(Runtime.getRuntime().maxMemory() / 4, sources.cacheBytesOrDefault());
        assertEquals(Duration.ofMinutes(5), sources.missingTtl());
        SymbolStoreConfig store = config.getConfigMapping(SymbolStoreConfig.class);
        assertEquals("./data/symbols-cache", store.diskCacheDir());
        assertEquals(4L << 30, store.diskCacheSize().asLongValue());
    }

    @Test
    void bothMappingsReadTheSharedPrefixAndTheCacheFollowsTheDataDirectory() {
        SmallRyeConfig config = read(Map.of(
                "breakwater.data-dir", "/srv/breakwater",
                "breakwater.symbols.dirs", " /syms/a , ,/syms/b",
                "breakwater.symbols.cache-bytes", "1048576",
                "breakwater.symbols.missing-ttl", "30s",
                "breakwater.symbols.disk-cache-size", "6M",
                "breakwater.symbols.upload.max-entries", "12"));
        SymbolSourcesConfig sources = config.getConfigMapping(SymbolSourcesConfig.class);
        assertEquals(List.of(Path.of("/syms/a"), Path.of("/syms/b")), sources.directories());
        assertEquals(Optional.of(1_048_576L), sources.cacheBytes());
        assertEquals(1_048_576L, sources.cacheBytesOrDefault());
        assertEquals(Duration.ofSeconds(30), sources.missingTtl());
        SymbolStoreConfig store = config.getConfigMapping(SymbolStoreConfig.class);
        assertEquals("/srv/breakwater/symbols-cache", store.diskCacheDir());
        assertEquals(6L << 20, store.diskCacheSize().asLongValue());
        assertEquals(12, store.upload().maxEntries());
    }

    @Test
    void anExplicitDiskCacheDirectoryWins() {
        SymbolStoreConfig store = read(Map.of("breakwater.data-dir", "/srv/breakwater",
                "breakwater.symbols.disk-cache-dir", "/var/cache/symbols")).getConfigMapping(SymbolStoreConfig.class);
        assertEquals("/var/cache/symbols", store.diskCacheDir());
    }
}
