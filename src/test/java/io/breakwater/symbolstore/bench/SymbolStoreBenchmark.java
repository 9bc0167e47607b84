package io.breakwater.symbolstore.bench;

import io.breakwater.local.S3ProxyLauncher;
import io.breakwater.storage.ObjectStore;
import io.breakwater.storage.S3Config;
import io.breakwater.symbols.CachingSymbolSupplier;
import io.breakwater.symbols.SymbolSupplier;
import io.breakwater.symbolstore.DiskSymbolCache;
import io.breakwater.symbolstore.S3SymbolObjects;
import io.breakwater.symbolstore.S3SymbolSupplier;
import io.breakwater.symbolstore.SymbolKey;
import io.breakwater.symbolstore.SymbolTestFiles;
import io.breakwater.symbolstore.SymbolZip;
import io.breakwater.testsupport.FixedS3Config;
import io.minio.MinioClient;
import okhttp3.OkHttpClient;

import javax.net.SocketFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Symbol store costs on a local s3proxy: zip check and extraction, publishing, and loading a module
 * cold (download + disk copy + parse), from the disk cache (ETag check + parse) and from memory.
 * Prints figures; asserts nothing.
 *
 * <pre>
 * ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     io.breakwater.symbolstore.bench.SymbolStoreBenchmark [--rounds N]
 * </pre>
 */
public final class SymbolStoreBenchmark {

    private SymbolStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length == 2 && args[0].equals("--rounds") ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createTempDirectory("symstore-bench-");
        try (S3ProxyLauncher.Running s3 = S3ProxyLauncher.start(work.resolve("s3"))) {
            S3Config config = new FixedS3Config(Optional.of(s3.endpoint()), Optional.of(s3.accessKey()),
                    Optional.of(s3.secretKey()), "us-east-1", "bench-crashes", "bench-symbols", false);
            // As the application's client: Nagle off, or each small request waits for a delayed ACK.
            OkHttpClient http = new OkHttpClient.Builder().socketFactory(new io.breakwater.storage.MinioClientProducer.NoDelaySocketFactory()).build();
            MinioClient client = MinioClient.builder().endpoint(s3.endpoint()).region(config.region())
                    .credentials(s3.accessKey(), s3.secretKey()).httpClient(http, true).build();
            ObjectStore store = new ObjectStore(client, config);
            S3SymbolObjects objects = new S3SymbolObjects(client, store);

            var corpus = SymbolTestFiles.corpusSymbols();
            Map<String, byte[]> entries = new LinkedHashMap<>();
            corpus.forEach(s -> entries.put(s.entryName(), s.bytes()));
            byte[] zipBytes = SymbolTestFiles.zip(entries);
            long symBytes = corpus.stream().mapToLong(s -> s.bytes().length).sum();
            Path zip = Files.write(work.resolve("corpus.zip"), zipBytes);
            System.out.printf(Locale.ROOT, "corpus: %d files, %.1f MB of .sym, zip %.1f MB%n",
                    corpus.size(), symBytes / 1e6, zipBytes.length / 1e6);

            for (int round = 1; round <= rounds; round++) {
                Path staging = Files.createDirectories(work.resolve("staging" + round));
                long t0 = System.nanoTime();
                List<SymbolZip.ExtractedFile> files = SymbolZip.extract(zip, staging, new SymbolZip.Limits(1L << 32, 1000));
                long t1 = System.nanoTime();
                for (SymbolZip.ExtractedFile f : files) {
                    objects.put(f.key(), f.file());
                }
                long t2 = System.nanoTime();
                deleteTree(staging);

                Path cacheDir = work.resolve("cache" + round);
                S3SymbolSupplier bucket = new S3SymbolSupplier(objects, new DiskSymbolCache(cacheDir, 1L << 30));
                long t3 = System.nanoTime();
                for (var s : corpus) {
                    check(bucket.locate(s.key()), s.key());
                }
                long t4 = System.nanoTime();
                // A restart: same disk cache, nothing in memory.
                S3SymbolSupplier restarted = new S3SymbolSupplier(objects, new DiskSymbolCache(cacheDir, 1L << 30));
                long t5 = System.nanoTime();
                for (var s : corpus) {
                    check(restarted.locate(s.key()), s.key());
                }
                long t6 = System.nanoTime();
                if (bucket.counters().downloads() != corpus.size() || restarted.counters().diskHits() != corpus.size()) {
                    throw new IllegalStateException("unexpected load path: " + bucket.counters() + " " + restarted.counters());
                }
                CachingSymbolSupplier memory = new CachingSymbolSupplier(restarted, 1L << 30, Duration.ofMinutes(5));
                for (var s : corpus) {
                    memory.locate(s.key().debugFile(), s.key().debugId());
                }
                int lookups = 200_000;
                long t7 = System.nanoTime();
                for (int i = 0; i < lookups; i++) {
                    SymbolKey k = corpus.get(i % corpus.size()).key();
                    memory.locate(k.debugFile(), k.debugId());
                }
                long t8 = System.nanoTime();
                System.out.printf(Locale.ROOT, "round %d: check+extract %.0f MB/s, publish %.0f MB/s, cold load %.0f MB/s "
                                + "(%.0f ms), disk-cache load %.0f MB/s (%.0f ms), memory hit %.0f ns%n",
                        round, mbps(symBytes, t1 - t0), mbps(symBytes, t2 - t1), mbps(symBytes, t4 - t3), (t4 - t3) / 1e6,
                        mbps(symBytes, t6 - t5), (t6 - t5) / 1e6, (t8 - t7) / (double) lookups);
            }
        } finally {
            deleteTree(work);
        }
    }

    private static void check(SymbolSupplier.SymbolResult r, SymbolKey key) {
        if (r.symbols() == null) {
            throw new IllegalStateException(key + ": " + r.status() + " " + r.detail());
        }
    }

    private static double mbps(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
