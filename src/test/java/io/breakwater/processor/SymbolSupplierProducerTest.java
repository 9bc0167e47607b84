package io.breakwater.processor;

import io.breakwater.symbols.SymbolSupplier;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SymbolSupplierProducerTest {

    final SymbolSupplierProducer producer = new SymbolSupplierProducer();

    @Test
    void noDirectoriesMeansEverythingMissingNotAFailure() {
        SymbolSupplier supplier = producer.symbolSupplier(sources(Optional.empty(), Optional.empty()));
        assertEquals(SymbolSupplier.Status.MISSING, supplier.locate("crashgen", "0123456789ABCDEF0123456789ABCDEF0").status());
        supplier = producer.symbolSupplier(sources(Optional.of(List.of(" ")), Optional.empty()));
        assertEquals(SymbolSupplier.Status.MISSING, supplier.locate("crashgen", "0123456789ABCDEF0123456789ABCDEF0").status());
    }

    @Test
    void configuredDirectoryIsSearchedWithACache() throws Exception {
        assumeTrue(Files.isDirectory(GeneratedCorpus.SYMBOLS), "corpus symbols not found");
        String debugId;
        try (var dirs = Files.list(GeneratedCorpus.SYMBOLS.resolve("crashgen"))) {
            debugId = dirs.findFirst().orElseThrow().getFileName().toString();
        }
        SymbolSupplier supplier = producer.symbolSupplier(sources(Optional.of(List.of(GeneratedCorpus.SYMBOLS.toString())),
                Optional.of(64L << 20)));
        assertEquals(SymbolSupplier.Status.LOADED, supplier.locate("crashgen", debugId).status());
        assertEquals(SymbolSupplier.Status.MISSING, supplier.locate("crashgen", "00000000000000000000000000000000F").status());
    }

    private static SymbolSourcesConfig sources(Optional<List<String>> dirs, Optional<Long> cacheBytes) {
        return new SymbolSourcesConfig() {
            @Override
            public Optional<List<String>> dirs() {
                return dirs;
            }

            @Override
            public Optional<Long> cacheBytes() {
                return cacheBytes;
            }

            @Override
            public Duration missingTtl() {
                return Duration.ofMinutes(1);
            }
        };
    }
}
