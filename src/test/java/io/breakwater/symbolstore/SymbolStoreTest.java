package io.breakwater.symbolstore;

import io.breakwater.symbols.ModuleSymbols;
import io.breakwater.symbols.SymbolSupplier;
import io.breakwater.symbols.SymbolSupplier.Status;
import io.breakwater.symbols.SymbolSupplier.SymbolResult;
import io.breakwater.testsupport.Corpus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.breakwater.symbolstore.SymbolTestFiles.corpusSymbols;
import static io.breakwater.symbolstore.SymbolTestFiles.freshDebugId;
import static io.breakwater.symbolstore.SymbolTestFiles.tinySymbols;
import static io.breakwater.symbolstore.SymbolTestFiles.withModule;
import static io.breakwater.symbolstore.SymbolTestFiles.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The application's symbol supplier over the real bucket, disk cache and memory cache. */
@QuarkusTest
class SymbolStoreTest {

    @Inject
    SymbolStore store;

    @Inject
    SymbolSupplier supplier;

    @Inject
    SymbolStoreConfig config;

    private static void uploadCorpus() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        corpusSymbols().forEach(s -> entries.put(s.entryName(), s.bytes()));
        SymbolUploads.upload(zip(entries));
    }

    @Test
    void theApplicationsSupplierIsTheStore() {
        assertEquals(Status.MISSING, supplier.locate("nothing-here.so", freshDebugId()).status());
        String id = freshDebugId();
        SymbolUploads.upload(zip("libinject.so/" + id + "/libinject.so.sym", tinySymbols("libinject.so", id, "injected")));
        assertEquals("injected", supplier.locate("libinject.so", id).symbols().function(0x1000).name());
    }

    @Test
    void bucketSymbolsResolveWhatBreakpadResolvedInEveryCorpusDump() throws IOException {
        uploadCorpus();
        List<StackwalkFrames.Frame> frames = new ArrayList<>();
        Path generated = Corpus.root().resolve("generated");
        try (Stream<Path> dirs = Files.find(generated, 2, (p, a) -> Files.isRegularFile(p.resolve("stackwalk.txt")))) {
            dirs.sorted().forEach(d -> frames.addAll(StackwalkFrames.read(d)));
        }
        Map<SymbolKey, ModuleSymbols> loaded = new HashMap<>();
        int checked = 0;
        for (StackwalkFrames.Frame f : frames) {
            SymbolKey key = new SymbolKey(f.debugFile(), f.debugId());
            ModuleSymbols symbols = loaded.computeIfAbsent(key, k -> {
                // Straight from the bucket supplier: a symbol directory fallback must not be what answers.
                SymbolResult r = store.bucketSupplier().locate(k);
                return r.status() == Status.LOADED ? r.symbols() : null;
            });
            if (symbols == null) {
                assertTrue(corpusSymbols().stream().noneMatch(s -> s.key().equals(key)),
                        "uploaded symbols of " + key + " did not load");
                continue;
            }
            ModuleSymbols.FunctionHit function = symbols.function(f.offset());
            String name = function != null ? function.name() : symbols.publicSymbol(f.offset()).name();
            assertEquals(f.function(), name, f + " resolved differently");
            checked++;
        }
        assertTrue(checked > 100, "only " + checked + " frames checked");
    }

    @Test
    void aModuleIsParsedOncePerProcessAndTheDiskCopyServesAfterAMemoryClear() {
        // A fresh id, so neither cache has seen the module.
        var source = SymbolTestFiles.corpusSymbol("libcrashlib.so");
        String id = freshDebugId();
        SymbolUploads.upload(zip("libcrashlib.so/" + id + "/libcrashlib.so.sym", withModule(source, "libcrashlib.so", id)));

        var before = store.bucketSupplier().counters();
        SymbolResult first = store.locate("libcrashlib.so", id);
        assertEquals(Status.LOADED, first.status());
        assertEquals(before.downloads() + 1, store.bucketSupplier().counters().downloads());
        SymbolResult again = store.locate("libcrashlib.so", id.toLowerCase());
        assertSame(first.symbols(), again.symbols(), "served from memory, not parsed again");

        DiskSymbolCache disk = store.diskCache().orElseThrow();
        assertTrue(disk.cachedVersion(new SymbolKey("libcrashlib.so", id)).isPresent());
        store.clearMemory();
        var afterClear = store.bucketSupplier().counters();
        SymbolResult reloaded = store.locate("libcrashlib.so", id);
        assertEquals(Status.LOADED, reloaded.status());
        var afterReload = store.bucketSupplier().counters();
        assertEquals(afterClear.downloads(), afterReload.downloads(), "no second download");
        assertEquals(afterClear.diskHits() + 1, afterReload.diskHits());
        assertEquals(first.symbols().function(0x1100) == null ? null : first.symbols().function(0x1100).name(),
                reloaded.symbols().function(0x1100) == null ? null : reloaded.symbols().function(0x1100).name());
    }

    @Test
    void theDiskCacheStaysWithinItsBound() {
        DiskSymbolCache disk = store.diskCache().orElseThrow();
        long max = config.diskCacheSize().asLongValue();
        assertEquals(max, disk.maxBytes());
        // More than the bound: every corpus file under fresh ids.
        Map<String, byte[]> entries = new LinkedHashMap<>();
        List<SymbolKey> keys = new ArrayList<>();
        long total = 0;
        while (total <= max) {
            for (var s : corpusSymbols()) {
                String id = freshDebugId();
                byte[] bytes = withModule(s, s.key().debugFile(), id);
                entries.put(s.key().debugFile() + "/" + id + "/" + s.key().symbolFileName(), bytes);
                keys.add(new SymbolKey(s.key().debugFile(), id));
                total += bytes.length;
            }
        }
        SymbolUploads.upload(zip(entries));
        long evictionsBefore = disk.stats().evictions();
        for (SymbolKey key : keys) {
            assertEquals(Status.LOADED, store.bucketSupplier().locate(key).status(), key.toString());
            assertTrue(disk.stats().bytes() <= max, "disk cache holds " + disk.stats().bytes() + " > " + max);
        }
        assertTrue(disk.stats().evictions() > evictionsBefore, "loading more than the bound evicted files");
        // The most recently loaded files are the ones kept.
        assertTrue(disk.cachedVersion(keys.get(keys.size() - 1)).isPresent());
        assertTrue(disk.cachedVersion(keys.get(0)).isEmpty());
        long onDisk;
        try (Stream<Path> files = Files.walk(disk.root())) {
            onDisk = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertTrue(onDisk <= max, "files on disk: " + onDisk);
    }
}
