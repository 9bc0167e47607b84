package io.breakwater.symbolstore;

import io.breakwater.processor.SymbolSourcesConfig;
import io.breakwater.symbols.CachingSymbolSupplier;
import io.breakwater.symbols.DirectorySymbolSupplier;
import io.breakwater.symbols.SymbolSupplier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The application's {@link SymbolSupplier}: parsed indices in memory ({@link CachingSymbolSupplier},
 * byte-bounded LRU, one parse per module at a time, misses remembered for {@code missing-ttl}) in front
 * of the symbols bucket with its on-disk cache ({@link S3SymbolSupplier}), then any read-only symbol
 * directories ({@code breakwater.symbols.dirs}). Lookups are keyed by {@link SymbolKey}, so an upload
 * invalidates exactly the entry a crash lookup created, whatever spelling the crash used.
 * <p>
 * Being a bean of type {@link SymbolSupplier}, it takes the place of any {@code @DefaultBean} producer
 * of that type.
 */
@ApplicationScoped
public class SymbolStore implements SymbolSupplier {

    private static final Logger LOG = Logger.getLogger(SymbolStore.class);

    @Inject
    SymbolStoreConfig config;

    @Inject
    SymbolObjects objects;

    @Inject
    SymbolSourcesConfig sources;

    private DiskSymbolCache disk;
    private S3SymbolSupplier bucket;
    private DirectorySymbolSupplier directories;
    private CachingSymbolSupplier memory;
    private UpstreamSymbols upstream;

    @PostConstruct
    void init() {
        long diskBytes = config.diskCacheSize().asLongValue();
        if (diskBytes > 0) {
            disk = new DiskSymbolCache(Path.of(config.diskCacheDir()), diskBytes);
        }
        bucket = new S3SymbolSupplier(objects, disk);
        List<Path> roots = sources.directories();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                LOG.warnf("Symbol directory %s does not exist (yet)", root.toAbsolutePath());
            }
        }
        directories = roots.isEmpty() ? null : new DirectorySymbolSupplier(roots);
        upstream = new UpstreamSymbols(config.upstream().urls().orElse(List.of()), config.upstream().timeout());
        long memoryBytes = sources.cacheBytesOrDefault();
        memory = new CachingSymbolSupplier(this::loadUncached, memoryBytes, sources.missingTtl());
        LOG.infof("Symbols from bucket %s (disk cache %s, %d MiB), then directories %s; %d MiB of parsed "
                        + "symbols kept in memory, misses remembered %s",
                objects instanceof S3SymbolObjects s3 ? s3.bucket() : "?",
                disk == null ? "off" : disk.root(), diskBytes >> 20, roots, memoryBytes >> 20, sources.missingTtl());
        if (disk != null) {
            DiskSymbolCache.Stats s = disk.stats();
            LOG.infof("Symbol disk cache holds %d files, %d MiB", s.entries(), s.bytes() >> 20);
        }
    }

    @Override
    public SymbolResult locate(String debugFile, String debugId) {
        Optional<SymbolKey> key = SymbolKey.forModule(debugFile, debugId);
        if (key.isEmpty()) {
            return new SymbolResult(Status.MISSING, null, "not a valid module name: " + debugFile + " " + debugId);
        }
        return locate(key.get());
    }

    public SymbolResult locate(SymbolKey key) {
        SymbolResult result = memory.locate(key.debugFile(), key.debugId());
        if (S3SymbolSupplier.isUnavailable(result)) {
            // An outage is not an answer worth remembering: the next crash asks storage again.
            memory.invalidate(key.debugFile(), key.debugId());
        }
        return result;
    }

    /**
     * Bucket first; read-only directories when the bucket has nothing (or cannot be reached); then the
     * upstream symbol servers, whose answer is copied into the bucket.
     */
    private SymbolResult loadUncached(String debugFile, String debugId) {
        SymbolKey key = new SymbolKey(debugFile, debugId);
        SymbolResult fromBucket = bucket.locate(key);
        if (fromBucket.status() != Status.MISSING) {
            return fromBucket;
        }
        if (directories != null) {
            SymbolResult fromDirectory = directories.locate(debugFile, debugId);
            if (fromDirectory.status() != Status.MISSING) {
                return fromDirectory;
            }
        }
        if (upstream.enabled()) {
            Optional<Path> fetched = upstream.fetch(key);
            if (fetched.isPresent()) {
                try {
                    objects.put(key, fetched.get());
                    return bucket.locate(key);
                } catch (RuntimeException e) {
                    LOG.warnf("symbols for %s from upstream could not be kept: %s", key, e.getMessage());
                } finally {
                    try {
                        Files.deleteIfExists(fetched.get());
                    } catch (java.io.IOException ignored) {
                        // a temporary file
                    }
                }
            }
        }
        return fromBucket;
    }

    /** Forgets everything cached about {@code key}: call after its symbols were uploaded or deleted. */
    public void invalidate(SymbolKey key) {
        memory.invalidate(key.debugFile(), key.debugId());
        if (disk != null) {
            disk.invalidate(key);
        }
    }

    /** Drops the parsed indices (not the disk cache), as a restart would. */
    public void clearMemory() {
        memory.clear();
    }

    public CachingSymbolSupplier.CacheStats memoryStats() {
        return memory.stats();
    }

    public Optional<DiskSymbolCache> diskCache() {
        return Optional.ofNullable(disk);
    }

    public S3SymbolSupplier bucketSupplier() {
        return bucket;
    }
}
