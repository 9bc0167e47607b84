package io.breakwater.processor;

import io.breakwater.symbols.CachingSymbolSupplier;
import io.breakwater.symbols.DirectorySymbolSupplier;
import io.breakwater.symbols.SymbolSupplier;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the stack walker gets symbols: for now Breakpad symbol directories ({@code breakwater.symbols.dirs})
 * behind an in-memory cache, so each symbol file is parsed once. The one place to swap in the object-storage
 * symbol store: a bean of type {@link SymbolSupplier} elsewhere replaces this default.
 */
@ApplicationScoped
public class SymbolSupplierProducer {

    private static final Logger LOG = Logger.getLogger(SymbolSupplierProducer.class);

    @Produces
    @DefaultBean
    @ApplicationScoped
    SymbolSupplier symbolSupplier(
            @ConfigProperty(name = "breakwater.symbols.dirs") Optional<List<String>> dirs,
            @ConfigProperty(name = "breakwater.symbols.cache-bytes") Optional<Long> cacheBytes,
            @ConfigProperty(name = "breakwater.symbols.missing-ttl", defaultValue = "5m") Duration missingTtl) {
        List<Path> roots = dirs.orElse(List.of()).stream()
                .map(String::strip).filter(d -> !d.isEmpty()).map(Path::of).toList();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) LOG.warnf("Symbol directory %s does not exist (yet)", root.toAbsolutePath());
        }
        if (roots.isEmpty()) {
            LOG.warn("No symbol directories configured (breakwater.symbols.dirs): stacks are walked without symbols");
            return (debugFile, debugId) -> SymbolSupplier.SymbolResult.missing();
        }
        // A quarter of the heap by default: large symbol files stay parsed between crashes.
        long bytes = cacheBytes.orElse(Runtime.getRuntime().maxMemory() / 4);
        LOG.infof("Symbols from %s (cache %d MiB, misses remembered %s)", roots, bytes >> 20, missingTtl);
        return new CachingSymbolSupplier(new DirectorySymbolSupplier(roots), bytes, missingTtl);
    }

    @Produces
    @ApplicationScoped
    DumpWalker dumpWalker(SymbolSupplier symbols, ProcessorStats stats, ProcessorConfig config) {
        return stats.timed(new EngineDumpWalker(symbols, EngineDumpWalker.budgets(config)));
    }
}
