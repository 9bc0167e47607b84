package io.breakwater.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Collector benchmark: starts the packaged application ({@code target/quarkus-app/quarkus-run.jar}) as
 * a child process with its own data directory and port, then drives sustained concurrent
 * {@code POST /submit} with real corpus dumps of about 10 KB, 100 KB and 600 KB (the corpus dumps
 * closest to those sizes). Prints requests/s, MB/s and latency percentiles per size, and the peak RSS
 * of the application and of its whole process tree (embedded PostgreSQL, Elasticsearch).
 *
 * Only JDK classes, so plain {@code java} runs it (the pom's exec plugin configuration is for {@code exec:exec}):
 * <pre>
 *   ./mvnw -B -o package -DskipTests
 *   ./mvnw -B -o -q test-compile
 *   java -cp target/test-classes io.breakwater.bench.CollectorBenchmark --seconds 20 --concurrency 16
 * </pre>
 * Options: {@code --sizes small,medium,large,huge} (which, in which order; default the first three; huge is a
 * 25 MB body: the largest dump and a random attachment), {@code --seconds N} per size (default 20), {@code --max-requests N} per size (default
 * 20000), {@code --concurrency N} (default 8), {@code --jar PATH},
 * {@code --corpus PATH}, {@code --jvm-option OPT} (repeatable; passed to the application JVM, e.g.
 * {@code -XX:StartFlightRecording=filename=/tmp/app.jfr,settings=profile}; or, as the exec plugin splits its
 * arguments on commas, space-separated in the environment variable {@code BREAKWATER_BENCH_JVM_OPTIONS}),
 * {@code --peer URL} (another collector's submit address, already running: it gets the same runs first, before
 * Breakwater starts, and the ratios are printed), {@code --peer-name NAME}, {@code --peer-pid PID} (the peer's
 * process, for its CPU per request and peak RSS). Bounded in time and count.
 */
public final class CollectorBenchmark {

    private record Options(Path jar, Path corpus, int seconds, int maxRequests, int concurrency, boolean elasticsearch,
                           List<SizeClass> sizes, List<String> jvmOptions, Optional<Peer> peer) {
    }

    /** Another crash collector, already running, measured with the same bodies in the same run. */
    private record Peer(String name, URI submitUrl, OptionalLong pid) {
    }

    /** Where the load goes and which answers count as accepted. */
    private record Target(URI submitUrl, java.util.function.Predicate<HttpResponse<String>> accepts) {
    }

    private record SizeClass(String label, long targetBytes) {
    }

    private record Result(String label, Path dump, int bodyBytes, int ok, int failed, double seconds, long[] latenciesNanos,
                          double appCpuSeconds, double appSystemCpuSeconds, double servicesCpuSeconds, long processed) {
    }

    /**
     * No corpus dump is near the 25 MiB body limit: the huge body is the largest dump plus an attachment of
     * random bytes up to this size, to show memory stays bounded with uploads that large.
     */
    private static final int HUGE_BODY = 25_000_000;
    private static final List<SizeClass> SIZES = List.of(
            new SizeClass("small", 10_000), new SizeClass("medium", 100_000), new SizeClass("large", 600_000),
            new SizeClass("huge", HUGE_BODY));
    private static final String BOUNDARY = "breakwater-bench-3f9a2c";
    /** Replaced by a request number of the same length in every request. */
    private static final String SEQUENCE_PLACEHOLDER = "################";

    public static void main(String[] args) throws Exception {
        try {
            benchmark(parse(args));
        } catch (BenchmarkFailure e) {
            System.err.println("benchmark: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Stops the benchmark; thrown so that cleanup in finally blocks still runs. */
    private static final class BenchmarkFailure extends RuntimeException {
        BenchmarkFailure(String message) {
            super(message);
        }
    }

    private static void benchmark(Options options) throws Exception {
        if (!Files.isRegularFile(options.jar())) {
            fail("packaged application not found at " + options.jar() + "; run ./mvnw -B -o package -DskipTests first");
        }
        if (!Files.isDirectory(options.corpus())) {
            fail("corpus not found at " + options.corpus());
        }
        List<Path> dumps = new ArrayList<>();
        List<Integer> padding = new ArrayList<>();
        for (SizeClass size : options.sizes()) {
            Path dump = closestDump(options.corpus(), size.targetBytes());
            dumps.add(dump);
            padding.add(size.targetBytes() == HUGE_BODY ? HUGE_BODY - (int) Files.size(dump) - 2_000 : 0);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        // The peer goes first, while nothing of Breakwater runs: neither takes CPU from the other.
        List<Result> peerResults = options.peer().isPresent()
                ? measurePeer(http, options, options.peer().get(), dumps, padding)
                : List.of();

        // Readable by others: the embedded search node runs as its own system user.
        Path dataDir = Files.createTempDirectory("breakwater-bench-",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        int port = freePort();
        Path log = dataDir.resolve("app.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dbreakwater.data-dir=" + dataDir.resolve("data"),
                "-Dquarkus.log.level=WARN"));
        // E.g. -XX:StartFlightRecording=filename=app.jfr,settings=profile to profile the application.
        command.addAll(options.jvmOptions());
        command.addAll(List.of("-jar", options.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("BREAKWATER_LOCAL_ELASTICSEARCH", Boolean.toString(options.elasticsearch()));
        // Only the embedded services: ignore any external ones configured in this shell.
        builder.environment().keySet().removeIf(k -> k.startsWith("BREAKWATER_") && !k.equals("BREAKWATER_LOCAL_ELASTICSEARCH"));
        System.out.printf("Starting %s on 127.0.0.1:%d (data %s, search node %s)%n", options.jar(), port, dataDir,
                options.elasticsearch() ? "on" : "off");
        long startedAt = System.nanoTime();
        Process app = builder.start();
        RssSampler sampler = new RssSampler(app.toHandle(), dataDir.toString());
        try {
            sampler.start();
            waitUntilReady(http, port, app, log);
            System.out.printf("Ready after %.1f s; concurrency %d, %d s or %d requests per size%n%n",
                    (System.nanoTime() - startedAt) / 1e9, options.concurrency(), options.seconds(), options.maxRequests());
            long idleRss = sampler.treeRssNow();
            // To show how much the processor drained while the collector was measured (it shares the CPU).
            String token = PackagedApp.createAdminToken(options.jar(), dataDir);
            // The first half minute after start is JIT compilation and service warm-up: keep it out of the figures.
            Target breakwater = new Target(URI.create("http://127.0.0.1:" + port + "/submit"),
                    response -> response.statusCode() == 200 && response.body().startsWith("CrashID=bp-"));
            byte[] warmBody = body(dumps.get(dumps.size() / 2));
            run(http, breakwater, warmBody, options.concurrency(), Math.max(10, options.seconds()), 20_000, "warm-up",
                    dumps.get(dumps.size() / 2));

            List<Result> results = new ArrayList<>();
            for (int i = 0; i < options.sizes().size(); i++) {
                byte[] body = body(dumps.get(i), padding.get(i));
                run(http, breakwater, body, options.concurrency(), Math.max(3, options.seconds() / 4), 2_000, "warm-up",
                        dumps.get(i));
                // CPU time per request says more than requests/s when other work shares the machine.
                double appCpu = cpuSeconds(app.pid());
                double appSystemCpu = PackagedApp.systemCpuSeconds(app.pid());
                double servicesCpu = sampler.services().stream().mapToDouble(p -> cpuSeconds(p.pid())).sum();
                long processedBefore = processedCount(http, port, token);
                Result r = run(http, breakwater, body, options.concurrency(), options.seconds(), options.maxRequests(),
                        options.sizes().get(i).label(), dumps.get(i));
                results.add(new Result(r.label(), r.dump(), r.bodyBytes(), r.ok(), r.failed(), r.seconds(),
                        r.latenciesNanos(), cpuSeconds(app.pid()) - appCpu,
                        PackagedApp.systemCpuSeconds(app.pid()) - appSystemCpu,
                        sampler.services().stream().mapToDouble(p -> cpuSeconds(p.pid())).sum() - servicesCpu,
                        processedCount(http, port, token) - processedBefore));
            }
            print(results, options.concurrency());
            if (!peerResults.isEmpty()) {
                printPeer(options.peer().get(), peerResults, results);
            }
            System.out.println();
            System.out.printf("Process tree RSS: idle %s, peak %s (sampled every 200 ms)%n",
                    mb(idleRss), mb(sampler.peakTreeRss()));
            System.out.printf("Application JVM peak RSS (VmHWM): %s; its services:%n", mb(vmHwm(app.pid()).orElse(-1L)));
            sampler.descendantsPeak().forEach(line -> System.out.println("  " + line));
        } finally {
            sampler.stop();
            stop(app, sampler);
            deleteTree(dataDir);
        }
    }

    /** The same warm-up and measured runs as Breakwater's, against the peer; its CPU when its pid is known. */
    private static List<Result> measurePeer(HttpClient http, Options options, Peer peer, List<Path> dumps,
                                            List<Integer> padding) throws Exception {
        System.out.printf("Measuring %s at %s first%n", peer.name(), peer.submitUrl());
        Target target = new Target(peer.submitUrl(), response -> response.statusCode() / 100 == 2);
        try {
            http.send(HttpRequest.newBuilder(peer.submitUrl()).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            fail("the peer does not answer at " + peer.submitUrl() + ": " + e);
        }
        run(http, target, body(dumps.get(dumps.size() / 2)), options.concurrency(), Math.max(10, options.seconds()),
                20_000, "warm-up", dumps.get(dumps.size() / 2));
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < options.sizes().size(); i++) {
            byte[] body = body(dumps.get(i), padding.get(i));
            run(http, target, body, options.concurrency(), Math.max(3, options.seconds() / 4), 2_000, "warm-up", dumps.get(i));
            double cpuBefore = peer.pid().isPresent() ? cpuSeconds(peer.pid().getAsLong()) : 0;
            Result r = run(http, target, body, options.concurrency(), options.seconds(), options.maxRequests(),
                    options.sizes().get(i).label(), dumps.get(i));
            double cpu = peer.pid().isPresent() ? cpuSeconds(peer.pid().getAsLong()) - cpuBefore : 0;
            results.add(new Result(r.label(), r.dump(), r.bodyBytes(), r.ok(), r.failed(), r.seconds(),
                    r.latenciesNanos(), cpu, 0, 0, 0));
        }
        return results;
    }

    // ---- load -----------------------------------------------------------------------------------------------

    private static Result run(HttpClient http, Target target, byte[] body, int concurrency, int seconds, int maxRequests,
                              String label, Path dump) throws Exception {
        // Each request differs in one annotation: identical content is a retry, answered without storing it again.
        int sequenceAt = indexOf(body, SEQUENCE_PLACEHOLDER);
        AtomicLong sequence = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong firstFailure = new AtomicLong();
        List<long[]> perThread = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<long[]>> futures = new ArrayList<>();
        AtomicBoolean reported = new AtomicBoolean();
        for (int t = 0; t < concurrency; t++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[maxRequests];
                int n = 0;
                while (System.nanoTime() < deadline && issued.getAndIncrement() < maxRequests) {
                    byte[] unique = body.clone();
                    byte[] number = String.format(Locale.ROOT, "%016d", sequence.incrementAndGet())
                            .getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(number, 0, unique, sequenceAt, number.length);
                    HttpRequest request = HttpRequest.newBuilder(target.submitUrl())
                            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                            .header("User-Agent", "breakwater-bench/1.0")
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(unique))
                            .build();
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long elapsed = System.nanoTime() - t0;
                    if (target.accepts().test(response)) {
                        latencies[n++] = elapsed;
                    } else {
                        failed.incrementAndGet();
                        if (reported.compareAndSet(false, true)) {
                            firstFailure.set(response.statusCode());
                            System.out.printf("  first failure: %d %s%n", response.statusCode(), response.body().strip());
                        }
                    }
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        for (Future<long[]> f : futures) {
            perThread.add(f.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(label, dump, body.length, all.length, failed.get(), elapsed, all, 0, 0, 0, -1);
    }

    private static byte[] body(Path dump) throws IOException {
        return body(dump, 0);
    }

    /** The crash; with {@code padding} &gt; 0 also an attachment of that many random bytes. */
    private static byte[] body(Path dump, int padding) throws IOException {
        String head = field("ProductName", "BenchApp") + field("Version", "1.2.3") + field("ReleaseChannel", "release")
                + field("BuildID", "20260101000000") + field("Comments", SEQUENCE_PLACEHOLDER)
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"upload_file_minidump\"; filename=\""
                + dump.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        byte[] a = head.getBytes(StandardCharsets.UTF_8);
        byte[] d = Files.readAllBytes(dump);
        byte[] attachment = new byte[0];
        if (padding > 0) {
            byte[] partHead = ("\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"upload_file_attachment\";"
                    + " filename=\"attachment.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] random = new byte[padding];
            new java.util.Random(padding).nextBytes(random);
            attachment = Arrays.copyOf(partHead, partHead.length + random.length);
            System.arraycopy(random, 0, attachment, partHead.length, random.length);
        }
        byte[] z = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(a, a.length + d.length + attachment.length + z.length);
        System.arraycopy(d, 0, out, a.length, d.length);
        System.arraycopy(attachment, 0, out, a.length + d.length, attachment.length);
        System.arraycopy(z, 0, out, a.length + d.length + attachment.length, z.length);
        return out;
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("placeholder not in body");
    }

    private static String field(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static void print(List<Result> results, int concurrency) {
        System.out.printf("%-7s %-48s %9s %7s %6s %9s %8s %9s %9s %9s %11s %9s %11s %11s%n", "size", "dump", "body", "ok",
                "fail", "req/s", "MB/s", "p50 ms", "p99 ms", "max ms", "app cpu ms", "of it sys", "svc cpu ms", "processed/s");
        for (Result r : results) {
            long[] l = r.latenciesNanos();
            double rps = r.ok() / r.seconds();
            System.out.printf(Locale.ROOT, "%-7s %-48s %9d %7d %6d %9.1f %8.2f %9.2f %9.2f %9.2f %11.3f %8.0f%% %11.3f %11.1f%n",
                    r.label(), shorten(r.dump()), r.bodyBytes(), r.ok(), r.failed(), rps,
                    rps * r.bodyBytes() / 1e6, pct(l, 50), pct(l, 99), l.length == 0 ? 0 : l[l.length - 1] / 1e6,
                    perRequestMs(r.appCpuSeconds(), r.ok()),
                    r.appCpuSeconds() == 0 ? 0 : 100 * r.appSystemCpuSeconds() / r.appCpuSeconds(),
                    perRequestMs(r.servicesCpuSeconds(), r.ok()),
                    r.processed() / r.seconds());
        }
        System.out.printf("(concurrency %d; MB/s counts request bodies of accepted crashes; cpu ms: CPU time per accepted"
                + " request of the application JVM, which includes the processor and the in-process S3 proxy (of it sys: the"
                + " kernel's share), and of its service processes, PostgreSQL and Elasticsearch; processed/s: crashes the processor stored meanwhile)%n",
                concurrency);
    }

    private static void printPeer(Peer peer, List<Result> peerResults, List<Result> results) {
        System.out.println();
        System.out.printf("Peer %s at %s, measured first with the same bodies and connections:%n", peer.name(),
                peer.submitUrl());
        System.out.printf("%-7s %7s %6s %9s %9s %9s %12s %14s %14s%n", "size", "ok", "fail", "req/s", "p50 ms", "p99 ms",
                "peer cpu ms", "req/s ratio", "p99 ratio");
        for (int i = 0; i < peerResults.size(); i++) {
            Result p = peerResults.get(i);
            Result b = results.get(i);
            double peerRps = p.ok() / p.seconds();
            double ourRps = b.ok() / b.seconds();
            double peerP99 = pct(p.latenciesNanos(), 99);
            System.out.printf(Locale.ROOT, "%-7s %7d %6d %9.1f %9.2f %9.2f %12s %14s %14s%n", p.label(), p.ok(), p.failed(),
                    peerRps, pct(p.latenciesNanos(), 50), peerP99,
                    peer.pid().isPresent() ? String.format(Locale.ROOT, "%.3f", perRequestMs(p.appCpuSeconds(), p.ok())) : "n/a",
                    peerRps == 0 ? "n/a" : String.format(Locale.ROOT, "%.2fx", ourRps / peerRps),
                    peerP99 == 0 ? "n/a" : String.format(Locale.ROOT, "%.2fx", pct(b.latenciesNanos(), 99) / peerP99));
        }
        peer.pid().ifPresent(pid -> System.out.printf("(ratios: Breakwater / %s; the peer's peak RSS (VmHWM): %s)%n",
                peer.name(), mb(vmHwm(pid).orElse(-1L))));
        if (peer.pid().isEmpty()) {
            System.out.printf("(ratios: Breakwater / %s; pass --peer-pid for its CPU and RSS)%n", peer.name());
        }
    }

    private static final java.util.regex.Pattern PROCESSED = java.util.regex.Pattern.compile("\"processed\"\\s*:\\s*(\\d+)");

    /** Crashes the processor has stored since start ({@code /api/internal/processor-stats}). */
    private static long processedCount(HttpClient http, int port, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/internal/processor-stats")).header("Auth-Token", token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        var m = PROCESSED.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("/api/internal/processor-stats answered " + r.statusCode() + ": " + r.body());
        }
        return Long.parseLong(m.group(1));
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static String shorten(Path p) {
        String s = p.toString();
        int i = s.indexOf("corpus/");
        s = i >= 0 ? s.substring(i + 7) : s;
        return s.length() <= 48 ? s : "…" + s.substring(s.length() - 47);
    }

    // ---- process handling -------------------------------------------------------------------------------------

    private static void waitUntilReady(HttpClient http, int port, Process app, Path log) throws Exception {
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                fail("application exited with " + app.exitValue() + "; last log lines:\n" + tail(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        fail("application not ready within 4 minutes; last log lines:\n" + tail(log));
    }

    private static void stop(Process app, RssSampler sampler) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(app.descendants().toList());
        tree.addAll(sampler.services());
        app.destroy();
        if (!app.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
            app.destroyForcibly();
            app.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        // Anything the application did not stop itself is ours to clean up.
        for (ProcessHandle child : tree) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    /**
     * Samples the summed RSS of the application and its services: every process below it, plus those
     * that detached from it but run on its data directory (PostgreSQL daemonizes through pg_ctl).
     */
    private static final class RssSampler {
        private final ProcessHandle root;
        private final String dataDir;
        private final AtomicLong peak = new AtomicLong();
        private final java.util.Map<Long, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile boolean running = true;
        private Thread thread;

        RssSampler(ProcessHandle root, String dataDir) {
            this.root = root;
            this.dataDir = dataDir;
        }

        List<ProcessHandle> services() {
            java.util.Map<Long, ProcessHandle> all = new java.util.TreeMap<>();
            root.descendants().forEach(p -> all.put(p.pid(), p));
            ProcessHandle.allProcesses().filter(p -> p.pid() != root.pid() && !all.containsKey(p.pid()))
                    .filter(p -> cmdline(p.pid()).contains(dataDir))
                    .forEach(p -> {
                        all.put(p.pid(), p);
                        p.descendants().forEach(d -> all.put(d.pid(), d));
                    });
            return new ArrayList<>(all.values());
        }

        void start() {
            thread = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
                while (running) {
                    peak.accumulateAndGet(treeRssNow(), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void stop() {
            running = false;
            if (thread != null) {
                thread.interrupt();
            }
        }

        long treeRssNow() {
            long total = statusValue(root.pid(), "VmRSS").orElse(0L);
            for (ProcessHandle p : services()) {
                total += statusValue(p.pid(), "VmRSS").orElse(0L);
                seen.computeIfAbsent(p.pid(), pid -> p.info().command().map(c -> Path.of(c).getFileName().toString())
                        .orElse("?"));
            }
            return total;
        }

        long peakTreeRss() {
            return peak.get();
        }

        /** Peak RSS per service process, grouped by command (PostgreSQL has one process per connection). */
        List<String> descendantsPeak() {
            java.util.Map<String, long[]> byCommand = new java.util.TreeMap<>();
            for (ProcessHandle p : services()) {
                String command = seen.getOrDefault(p.pid(), p.info().command()
                        .map(c -> Path.of(c).getFileName().toString()).orElse("?"));
                statusValue(p.pid(), "VmHWM").ifPresent(hwm -> {
                    long[] agg = byCommand.computeIfAbsent(command, k -> new long[3]);
                    agg[0]++;
                    agg[1] += hwm;
                    agg[2] = Math.max(agg[2], hwm);
                });
            }
            List<String> lines = new ArrayList<>();
            byCommand.forEach((command, agg) -> lines.add(String.format(Locale.ROOT,
                    "%-12s %3d process(es), peak RSS largest %s, summed %s", command, agg[0], mb(agg[2]), mb(agg[1]))));
            return lines;
        }
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static double perRequestMs(double cpuSeconds, int requests) {
        return requests == 0 ? 0 : cpuSeconds * 1000 / requests;
    }

    private static double cpuSeconds(long pid) {
        return PackagedApp.cpuSeconds(pid);
    }

    private static Optional<Long> vmHwm(long pid) {
        return statusValue(pid, "VmHWM");
    }

    /** A kB value from /proc/&lt;pid&gt;/status, in bytes. */
    private static Optional<Long> statusValue(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(key + ":")) {
                    String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                    return Optional.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // process gone or not Linux
        }
        return Optional.empty();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static Path closestDump(Path corpus, long target) throws IOException {
        try (Stream<Path> files = Files.walk(corpus)) {
            return files.filter(p -> p.toString().endsWith(".dmp") && Files.isRegularFile(p))
                    .min(Comparator.comparingLong((Path p) -> Math.abs(size(p) - target)).thenComparing(Path::toString))
                    .orElseThrow(() -> new IllegalStateException("no .dmp files under " + corpus));
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    private static Options parse(String[] args) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        Path corpus = Path.of("..", "shared", "corpus");
        int seconds = 20;
        int maxRequests = 20_000;
        int concurrency = 8;
        boolean es = true;
        // The huge body only on request: it is about memory, and its run takes long.
        List<SizeClass> sizes = SIZES.stream().filter(size -> size.targetBytes() != HUGE_BODY).toList();
        List<String> jvmOptions = new ArrayList<>();
        URI peerUrl = null;
        String peerName = "peer";
        OptionalLong peerPid = OptionalLong.empty();
        // The exec plugin splits -Dexec.args on commas, which JFR settings need: an environment variable avoids that.
        String jvmOptionsVariable = System.getenv("BREAKWATER_BENCH_JVM_OPTIONS");
        if (jvmOptionsVariable != null && !jvmOptionsVariable.isBlank()) {
            jvmOptions.addAll(Arrays.asList(jvmOptionsVariable.trim().split("\\s+")));
        }
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(label -> SIZES.stream()
                        .filter(sc -> sc.label().equals(label)).findFirst()
                        .orElseThrow(() -> new BenchmarkFailure("unknown size " + label))).toList();
                case "--jvm-option" -> jvmOptions.add(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--corpus" -> corpus = Path.of(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--max-requests" -> maxRequests = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--peer" -> peerUrl = URI.create(args[++i]);
                case "--peer-name" -> peerName = args[++i];
                case "--peer-pid" -> peerPid = OptionalLong.of(Long.parseLong(args[++i]));
                default -> fail("unknown option " + args[i]);
            }
        }
        if (seconds < 1 || seconds > 600 || concurrency < 1 || concurrency > 256 || maxRequests < 1) {
            fail("--seconds 1-600, --concurrency 1-256, --max-requests >= 1");
        }
        if (peerUrl == null && peerPid.isPresent()) {
            fail("--peer-pid needs --peer URL");
        }
        Optional<Peer> peer = peerUrl == null ? Optional.empty() : Optional.of(new Peer(peerName, peerUrl, peerPid));
        return new Options(jar.toAbsolutePath(), corpus.toAbsolutePath().normalize(), seconds, maxRequests, concurrency, es,
                sizes, List.copyOf(jvmOptions), peer);
    }

    private static void fail(String message) {
        throw new BenchmarkFailure(message);
    }
}
