package io.breakwater.bench;

import io.breakwater.local.S3ProxyLauncher;
import io.breakwater.storage.MinioClientProducer;
import io.breakwater.storage.ObjectStore;
import io.breakwater.storage.S3Config;
import io.breakwater.testsupport.FixedS3Config;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of one object-store PUT against the embedded S3 server (s3proxy in this JVM), through the
 * application's own client and {@link ObjectStore}: PUTs/s and CPU milliseconds per PUT, client and
 * server together. A crash costs several of these, so this is the unit the collector's CPU budget is
 * counted in.
 * <pre>
 *   ./mvnw -B -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec \
 *       -Dbench.main=io.breakwater.bench.ObjectStoreBenchmark -Dbench.args="--bytes 70000 --seconds 10 --threads 16"
 * </pre>
 * {@code --in-process} writes into the proxy's store directly, as the one-box server does ({@link
 * io.breakwater.storage.InProcessObjects}); without it every PUT goes over HTTP, as to an external store.
 */
public final class ObjectStoreBenchmark {

    public static void main(String[] args) throws Exception {
        // Without the application's logging set-up every library logs at debug, and formatting those
        // messages would be most of what is measured.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        int bytes = 70_000;
        int seconds = 10;
        int threads = 16;
        boolean inProcess = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bytes" -> bytes = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--in-process" -> inProcess = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --bytes N --seconds N --threads N --in-process)");
            }
        }
        Path dir = Files.createTempDirectory("breakwater-s3-bench");
        try (S3ProxyLauncher.Running s3 = S3ProxyLauncher.start(dir.resolve("s3"))) {
            S3Config config = FixedS3Config.of(s3, "bench-crashes", inProcess);
            ObjectStore store = new ObjectStore(MinioClientProducer.build(config), config, Optional.of(s3.inProcessObjects()));
            byte[] body = new byte[bytes];
            new java.util.Random(7).nextBytes(body);
            System.out.printf("%d-byte PUTs, %d threads, s3proxy in this JVM at %s, %s%n", bytes, threads, s3.endpoint(),
                    inProcess ? "written into its store directly (as the one-box server does)" : "over HTTP");
            run(store, body, threads, Math.max(3, seconds / 2), "warm-up");
            run(store, body, threads, seconds, "measured");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(ObjectStore store, byte[] body, int threads, int seconds, String phase) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicLong sequence = new AtomicLong();
        long[][] latencies = new long[threads][];
        java.util.Map<String, Long> threadsBefore = threadCpu();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Future<?>[] workers = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                int slot = t;
                workers[t] = pool.submit(() -> {
                    long[] mine = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < deadline && n < mine.length) {
                        long begin = System.nanoTime();
                        store.put(store.crashBucket(), "bench/" + sequence.incrementAndGet(), body, "application/octet-stream");
                        mine[n++] = System.nanoTime() - begin;
                    }
                    latencies[slot] = Arrays.copyOf(mine, n);
                    return null;
                });
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("%-8s %7d PUTs  %8.1f PUT/s  p50 %6.2f ms  p99 %6.2f ms  cpu %.3f ms/PUT (client and server)%n",
                phase, all.length, all.length / elapsed, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
                cpuMs / all.length);
        if (phase.equals("measured")) {
            java.util.Map<String, Long> after = threadCpu();
            java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
            after.forEach((name, nanos) -> byKind.merge(name.replaceAll("[0-9]+", "#"),
                    nanos - threadsBefore.getOrDefault(name, 0L), Long::sum));
            byKind.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                    .forEach(e -> System.out.printf("  %-40s %.3f ms/PUT%n", e.getKey(), e.getValue() / 1e6 / all.length));
        }
    }

    /** CPU time of every live Java thread by name; what is not here is JIT, GC and other VM threads. */
    private static java.util.Map<String, Long> threadCpu() {
        var threads = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> cpu = new java.util.HashMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                cpu.merge(info.getThreadName() + "@" + info.getThreadId(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())), Long::sum);
            }
        }
        return cpu;
    }

    private ObjectStoreBenchmark() {
    }
}
