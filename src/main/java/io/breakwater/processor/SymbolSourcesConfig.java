package io.breakwater.processor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the processor's symbols come from and how much of them stays parsed ({@code breakwater.symbols.dirs},
 * {@code cache-bytes}, {@code missing-ttl}). The symbol store, which replaces the directory-only supplier,
 * reads these keys here too; its own keys under the same prefix are in {@code symbolstore.SymbolStoreConfig}.
 */
@ConfigMapping(prefix = "breakwater.symbols")
public interface SymbolSourcesConfig {

    /** Read-only Breakpad symbol directories (comma-separated). */
    Optional<List<String>> dirs();

    /** Heap bytes for parsed symbol indices; a quarter of the maximum heap when unset. */
    Optional<Long> cacheBytes();

    /** How long a module without symbols is remembered as missing (an upload forgets it at once). */
    @WithDefault("5m")
    Duration missingTtl();

    /** The configured directories, blank entries left out. */
    default List<Path> directories() {
        return dirs().orElse(List.of()).stream().map(String::strip).filter(dir -> !dir.isEmpty()).map(Path::of).toList();
    }

    /** A quarter of the heap by default: large symbol files stay parsed between crashes. */
    default long cacheBytesOrDefault() {
        return cacheBytes().orElse(Runtime.getRuntime().maxMemory() / 4);
    }
}
