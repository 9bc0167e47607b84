package io.breakwater.processor;

import io.breakwater.symbols.CachingSymbolSupplier;
import io.breakwater.symbols.DirectorySymbolSupplier;
import io.breakwater.symbols.SymbolSupplier;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
    SymbolSupplier symbolSupplier(SymbolSourcesConfig config) {
        List<Path> roots = config.directories();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) LOG.warnf("Symbol directory %s does not exist (yet)", root.toAbsolutePath());
        }
        if (roots.isEmpty()) {
            LOG.warn("No symbol directories configured (breakwater.symbols.dirs): stacks are walked without symbols");
            return (debugFile, debugId) -> SymbolSupplier.SymbolResult.missing();
        }
        long bytes = config.cacheBytesOrDefault();
        LOG.infof("Symbols from %s (cache %d MiB, misses remembered %s)", roots, bytes >> 20, config.missingTtl());
        return new CachingSymbolSupplier(new DirectorySymbolSupplier(roots), bytes, config.missingTtl());
    }

    @Produces
    @ApplicationScoped
    DumpWalker dumpWalker(SymbolSupplier symbols, ProcessorStats stats, ProcessorConfig config) {
        return stats.timed(new EngineDumpWalker(symbols, EngineDumpWalker.budgets(config)));
    }
}
