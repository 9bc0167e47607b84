package io.breakwater.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * End-to-end processing benchmark: starts the packaged application with a temporary data directory, the
 * generated corpus's symbols and N processor workers, warms the symbol cache and the JIT with a first pass
 * over the 18 generated dumps, then submits a bounded number of crashes through {@code POST /submit}
 * (the dumps round-robin, annotations varied) and measures crashes per second from the first submission
 * until Super Search counts all of them (processed, stored, indexed and searchable). Per-stage processing
 * times come from the application's {@code /api/internal/processor-stats} (the difference of two snapshots,
 * so the warm-up is left out). Prints a compact table; asserts nothing about time.
 *
 * <pre>
 *   ./mvnw -B -o package -DskipTests
 *   ./mvnw -B -o test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dbench.main=io.breakwater.bench.EndToEndBenchmark \
 *       -Dbench.args="--crashes 360"
 * </pre>
 * Options: {@code --crashes N} measured crashes (default 360, at most 5000), {@code --max-seconds N} bound on
 * the measured phase (default 300), {@code --warmup-rounds N} passes over the dumps before measuring (default
 * 2), {@code --workers N} processor workers (default 2), {@code --concurrency N} submitting threads (default 2),
 * {@code --jvm-opt OPT} (repeatable, for the application JVM), {@code --jar PATH}, {@code --corpus PATH}
 * (default {@code ../shared/corpus}). Loopback only.
 */
public final class EndToEndBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BOUNDARY = "breakwater-e2e-7c41d9";
    private static final List<String> STAGES = List.of("load", "stackwalk", "rules", "storage", "index", "total");

    private record Options(Path jar, Path corpus, int crashes, int maxSeconds, int warmupRounds, int workers,
                           int concurrency, List<String> jvmOptions) {
    }

    /** Outcome of one submitting pass. */
    private record Submitted(int accepted, int failed, double seconds, String firstFailure) {
    }

    /** Over time: crashes searchable (Super Search count) and crashes written to the index (processor counter). */
    private record Sample(double seconds, long count, long written) {
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        if (!Files.isRegularFile(options.jar())) {
            fail("packaged application not found at " + options.jar() + "; run ./mvnw -B -o package -DskipTests first");
        }
        Path generated = options.corpus().resolve("generated");
        Path symbols = generated.resolve("symbols");
        List<Path> dumps;
        try (Stream<Path> files = Files.walk(generated)) {
            dumps = files.filter(p -> p.getFileName().toString().equals("crash.dmp")).sorted().toList();
        } catch (IOException e) {
            dumps = List.of();
        }
        if (dumps.isEmpty() || !Files.isDirectory(symbols)) {
            fail("generated corpus (crash.dmp files and symbols/) not found under " + generated);
        }
        List<byte[]> dumpBytes = new ArrayList<>();
        for (Path dump : dumps) dumpBytes.add(Files.readAllBytes(dump));

        String loadBefore = loadAverage();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("breakwater.processor.workers", Integer.toString(options.workers()));
        properties.put("breakwater.symbols.dirs", symbols.toString());
        properties.put("breakwater.local.elasticsearch", "true");
        System.out.printf("End-to-end benchmark: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                loadBefore);
        long startedAt = System.nanoTime();
        try (PackagedApp app = PackagedApp.start(options.jar(), properties, options.jvmOptions())) {
            System.out.printf("Starting %s on 127.0.0.1:%d (data %s; %d workers; symbols %s)%n",
                    options.jar(), app.port(), app.dataDir(), options.workers(), symbols);
            app.awaitReady(Duration.ofMinutes(4));
            // Search answers once Elasticsearch and the index template are up.
            app.awaitStatus("/api/SuperSearch?_results_number=0", 200, Duration.ofMinutes(3));
            System.out.printf("Ready after %.1f s%n", (System.nanoTime() - startedAt) / 1e9);

            String tag = "E2EBench" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
            // Warm-up: every dump at least once, so each symbol file is parsed and cached before measuring.
            int warmCount = dumps.size() * options.warmupRounds();
            if (warmCount > 0) {
                long w0 = System.nanoTime();
                Submitted warm = submitAll(app, dumpBytes, warmCount, tag + "Warm", options.concurrency(), 0);
                if (warm.accepted() == 0) {
                    throw new IllegalStateException("warm-up: no crash accepted (" + warm.firstFailure() + ")");
                }
                List<Sample> samples = awaitIndexed(app, tag + "Warm", new AtomicLong(warm.accepted()), w0,
                        w0 + Duration.ofMinutes(5).toNanos(), null);
                System.out.printf("Warm-up: %d crashes processed and indexed in %.1f s%n", warm.accepted(),
                        samples.getLast().seconds());
            }

            JsonNode before = processorStats(app);
            Map<String, Double> cpuBefore = app.cpuSeconds();
            long t0 = System.nanoTime();
            // Counts are sampled from the first submission on, while crashes are still being submitted.
            AtomicLong expected = new AtomicLong(Long.MAX_VALUE);
            ExecutorService poller = Executors.newSingleThreadExecutor();
            List<Sample> samples;
            Submitted submitted;
            try {
                Future<List<Sample>> polling = poller.submit(() -> awaitIndexed(app, tag, expected, t0,
                        t0 + options.maxSeconds() * 1_000_000_000L, before));
                submitted = submitAll(app, dumpBytes, options.crashes(), tag, options.concurrency(), options.maxSeconds());
                expected.set(submitted.accepted());
                samples = polling.get();
            } finally {
                poller.shutdownNow();
            }
            JsonNode after = processorStats(app);
            Map<String, Double> cpuAfter = app.cpuSeconds();
            String loadAfter = loadAverage();

            Sample last = samples.getLast();
            System.out.println();
            System.out.printf("Submitted %d crashes (%d failed) with %d threads in %.1f s (%.1f/s)%n",
                    submitted.accepted(), submitted.failed(), options.concurrency(), submitted.seconds(),
                    submitted.accepted() / submitted.seconds());
            if (submitted.firstFailure() != null) System.out.println("  first failure: " + submitted.firstFailure());
            if (last.count() < submitted.accepted()) {
                System.out.printf("NOT ALL INDEXED: %d of %d after %.1f s (bounded by --max-seconds)%n",
                        last.count(), submitted.accepted(), last.seconds());
            }
            System.out.printf(Locale.ROOT, "End to end (first submit -> last searchable): %d crashes in %.1f s = %.2f crashes/s%n",
                    last.count(), last.seconds(), last.count() / last.seconds());
            steadyRate(samples, submitted.accepted(), Sample::count, "searchable").ifPresent(System.out::println);
            steadyRate(samples, submitted.accepted(), Sample::written, "written to the index by the processor")
                    .ifPresent(System.out::println);
            printCpu(cpuBefore, cpuAfter, last.count(), last.seconds());
            System.out.println();
            printStages(before, after);
            System.out.println();
            printSignatures(app, tag);
            System.out.println();
            System.out.printf("Application JVM peak RSS (VmHWM): %s; process tree peak RSS (sampled): %s%n",
                    PackagedApp.mb(app.appPeakRss()), PackagedApp.mb(app.treePeakRss()));
            app.servicesPeakRss().forEach(line -> System.out.println("  " + line));
            System.out.printf("Load average (1/5/15 min): %s before, %s after, on %d cores shared with other work%n",
                    loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
        }
    }

    /** CPU per crash over the measured window, by process; the figure that says how many crashes a core takes. */
    private static void printCpu(Map<String, Double> before, Map<String, Double> after, long crashes, double seconds) {
        if (crashes == 0) return;
        StringBuilder line = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double used = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            total += used;
            line.append(String.format(Locale.ROOT, ", %s %.1f", e.getKey(), used * 1000 / crashes));
        }
        System.out.printf(Locale.ROOT, "CPU per crash: %.1f ms in all%s (ms; %.0f%% of %d cores busy over the window)%n",
                total * 1000 / crashes, line, 100 * total / seconds / Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors());
    }

    // ---- submitting -----------------------------------------------------------------------------------------

    /** Submits {@code count} crashes over {@code threads} threads, stopping early after {@code maxSeconds} (0: no bound). */
    private static Submitted submitAll(PackagedApp app, List<byte[]> dumps, int count, String product, int threads,
                                       int maxSeconds) throws Exception {
        long start = System.nanoTime();
        long deadline = maxSeconds > 0 ? start + maxSeconds * 1_000_000_000L : Long.MAX_VALUE;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        String[] firstFailure = new String[1];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                        byte[] body = body(dumps.get(i % dumps.size()), annotations(product, i));
                        HttpRequest request = HttpRequest.newBuilder(app.uri("/submit"))
                                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                                .header("User-Agent", "breakwater-e2e-bench/1.0")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                        String outcome;
                        try {
                            HttpResponse<String> r = app.http.send(request, HttpResponse.BodyHandlers.ofString());
                            outcome = r.statusCode() == 200 && r.body().startsWith("CrashID=bp-") ? null
                                    : r.statusCode() + " " + r.body().strip();
                        } catch (IOException e) {
                            outcome = e.toString();
                        }
                        if (outcome == null) {
                            accepted.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            synchronized (firstFailure) {
                                if (firstFailure[0] == null) firstFailure[0] = outcome;
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        return new Submitted(accepted.get(), failed.get(), (System.nanoTime() - start) / 1e9, firstFailure[0]);
    }

    private static final List<String> VERSIONS = List.of("1.0.0", "1.2.3", "2.0.0b4", "2.1a1", "3.0.0");
    private static final List<String> CHANNELS = List.of("release", "beta", "nightly", "esr");
    private static final List<String> PROCESS_TYPES = List.of("parent", "content", "gpu");
    private static final DateTimeFormatter BUILD_ID = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    /** Varied but deterministic per sequence number: versions, channels, times, some URLs, comments and OOM sizes. */
    static Map<String, String> annotations(String product, int i) {
        long now = Instant.now().getEpochSecond();
        Map<String, String> a = new LinkedHashMap<>();
        a.put("ProductName", product);
        a.put("Version", VERSIONS.get(i % VERSIONS.size()));
        a.put("ReleaseChannel", CHANNELS.get(i % CHANNELS.size()));
        a.put("BuildID", BUILD_ID.format(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(86_400L * (i % 7))));
        a.put("ProcessType", PROCESS_TYPES.get(i % PROCESS_TYPES.size()));
        a.put("CrashTime", Long.toString(now));
        a.put("StartupTime", Long.toString(now - 5 - (i * 37L) % 3600));
        a.put("InstallTime", Long.toString(now - 86_400L * (i % 30)));
        a.put("Vendor", "Breakwater Bench");
        a.put("BenchSequence", Integer.toString(i));
        if (i % 3 == 0) a.put("URL", "https://example.test/page/" + i);
        if (i % 5 == 0) a.put("Comments", "bench crash #" + i + ": it just closed — ünïcödé");
        if (i % 11 == 0) a.put("OOMAllocationSize", Integer.toString(1 << (10 + i % 15)));
        return a;
    }

    static byte[] body(byte[] dump, Map<String, String> annotations) {
        StringBuilder head = new StringBuilder();
        annotations.forEach((name, value) -> head.append("--").append(BOUNDARY)
                .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        head.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"upload_file_minidump\";")
                .append(" filename=\"crash.dmp\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        byte[] a = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] z = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + dump.length + z.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(dump, 0, out, a.length, dump.length);
        System.arraycopy(z, 0, out, a.length + dump.length, z.length);
        return out;
    }

    // ---- waiting for search -----------------------------------------------------------------------------------

    /**
     * Polls the Super Search count of {@code product} until it reaches {@code expected} (which may still grow
     * from {@code Long.MAX_VALUE} while crashes are submitted) or the deadline passes. With {@code statsBefore},
     * also samples how many crashes the processor has written to the index since then.
     */
    private static List<Sample> awaitIndexed(PackagedApp app, String product, AtomicLong expected, long since,
                                             long deadlineNanos, JsonNode statsBefore) throws Exception {
        List<Sample> samples = new ArrayList<>();
        long writtenBefore = statsBefore == null ? 0 : statsBefore.path("stages").path("indexed").path("count").asLong();
        while (true) {
            app.checkAlive();
            long count = searchCount(app, product);
            long written = statsBefore == null ? -1
                    : processorStats(app).path("stages").path("indexed").path("count").asLong() - writtenBefore;
            samples.add(new Sample((System.nanoTime() - since) / 1e9, count, written));
            if (count >= expected.get() || System.nanoTime() - deadlineNanos > 0) return samples;
            Thread.sleep(250);
        }
    }

    private static long searchCount(PackagedApp app, String product) throws Exception {
        JsonNode body = superSearch(app, "product=" + enc(product) + "&_results_number=0");
        return body == null ? -1 : body.path("total").asLong(-1);
    }

    private static JsonNode superSearch(PackagedApp app, String query) throws Exception {
        HttpResponse<String> r = app.http.send(HttpRequest.newBuilder(app.uri("/api/SuperSearch?" + query))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? MAPPER.readTree(r.body()) : null;
    }

    /** The rate between 10 % and 90 % done: without the start and the tail (last refresh interval). */
    private static java.util.Optional<String> steadyRate(List<Sample> samples, long expected,
                                                         java.util.function.ToLongFunction<Sample> done, String what) {
        Sample from = null;
        Sample to = null;
        for (Sample s : samples) {
            if (from == null && done.applyAsLong(s) >= expected / 10) from = s;
            if (to == null && done.applyAsLong(s) >= expected * 9 / 10) to = s;
        }
        if (from == null || to == null || to.seconds() <= from.seconds() || done.applyAsLong(to) <= done.applyAsLong(from)) {
            return java.util.Optional.empty();
        }
        long n = done.applyAsLong(to) - done.applyAsLong(from);
        return java.util.Optional.of(String.format(Locale.ROOT,
                "Steady state, 10%% -> 90%% %s: %d crashes in %.1f s = %.2f crashes/s",
                what, n, to.seconds() - from.seconds(), n / (to.seconds() - from.seconds())));
    }

    // ---- processor stats --------------------------------------------------------------------------------------

    private static JsonNode processorStats(PackagedApp app) throws Exception {
        HttpResponse<String> r = app.http.send(HttpRequest.newBuilder(app.uri("/api/internal/processor-stats"))
                .header("Auth-Token", app.adminToken())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/api/internal/processor-stats answered " + r.statusCode() + ": " + r.body());
        }
        return MAPPER.readTree(r.body());
    }

    /** Per stage over the measured window: the difference of two cumulative snapshots. */
    private static void printStages(JsonNode before, JsonNode after) {
        System.out.printf("%-10s %7s %10s %10s %10s %8s%n", "stage", "count", "mean ms", "p50 ms", "p99 ms", "share");
        StageDelta total = stageDelta(before, after, "total");
        double totalMean = total.mean();
        double stagesMs = 0;
        for (String stage : STAGES) {
            StageDelta d = stageDelta(before, after, stage);
            if (stage.equals("total")) {
                // Whatever no stage covers (listeners after storing, bookkeeping): mean only.
                double other = total.count() == 0 ? 0 : (total.totalMs() - stagesMs) / total.count();
                System.out.printf(Locale.ROOT, "%-10s %7s %10.2f %10s %10s %7.0f%%%n", "other", "", other, "", "",
                        totalMean > 0 ? 100 * other / totalMean : 0);
            } else {
                stagesMs += d.totalMs();
            }
            System.out.printf(Locale.ROOT, "%-10s %7d %10.2f %10.2f %10.2f %7.0f%%%n", stage, d.count(), d.mean(),
                    d.percentile(0.50), d.percentile(0.99), totalMean > 0 ? 100 * d.mean() / totalMean : 0);
        }
        StageDelta indexed = stageDelta(before, after, "indexed");
        System.out.printf(Locale.ROOT, "%-10s %7d %10.2f %10.2f %10.2f %8s%n", "indexed", indexed.count(), indexed.mean(),
                indexed.percentile(0.50), indexed.percentile(0.99), "-");
        long requests = after.path("search_bulk").path("requests").asLong() - before.path("search_bulk").path("requests").asLong();
        long documents = after.path("search_bulk").path("documents").asLong() - before.path("search_bulk").path("documents").asLong();
        System.out.println("(per crash on a worker; rules exclude the stack walk; storage = serialise + put processed"
                + " crash; index = build the search document and hand it to the bulk writer; indexed = from stored to"
                + " written by a bulk request, not on the worker; p50/p99 are histogram bucket upper bounds, within 4.4 %)");
        if (requests > 0) {
            System.out.printf(Locale.ROOT, "Search bulk requests: %d for %d crashes, %.1f per request%n", requests,
                    documents, (double) documents / requests);
        }
    }

    private record StageDelta(long count, double totalMs, TreeMap<Double, Long> buckets) {
        double mean() {
            return count == 0 ? 0 : totalMs / count;
        }

        double percentile(double q) {
            long rank = Math.max(1, (long) Math.ceil(q * count));
            long seen = 0;
            for (Map.Entry<Double, Long> e : buckets.entrySet()) {
                seen += e.getValue();
                if (seen >= rank) return e.getKey();
            }
            return 0;
        }
    }

    private static StageDelta stageDelta(JsonNode before, JsonNode after, String stage) {
        JsonNode a = after.path("stages").path(stage);
        JsonNode b = before.path("stages").path(stage);
        TreeMap<Double, Long> buckets = new TreeMap<>();
        for (JsonNode bucket : a.path("buckets")) buckets.merge(bucket.get(0).asDouble(), bucket.get(1).asLong(), Long::sum);
        for (JsonNode bucket : b.path("buckets")) buckets.merge(bucket.get(0).asDouble(), -bucket.get(1).asLong(), Long::sum);
        buckets.values().removeIf(v -> v <= 0);
        return new StageDelta(a.path("count").asLong() - b.path("count").asLong(),
                a.path("total_ms").asDouble() - b.path("total_ms").asDouble(), buckets);
    }

    /** A sanity look at the results: distinct signatures and crashes that failed to process. */
    private static void printSignatures(PackagedApp app, String product) throws Exception {
        JsonNode body = superSearch(app, "product=" + enc(product) + "&_results_number=0&_facets=signature&_facets_size=100");
        JsonNode terms = body == null ? null : body.path("facets").path("signature");
        if (terms == null || !terms.isArray()) {
            System.out.println("Signatures: facet not available");
            return;
        }
        long empty = 0;
        for (JsonNode t : terms) {
            if (t.path("term").asText().startsWith("EMPTY")) empty += t.path("count").asLong();
        }
        System.out.printf("Signatures: %d distinct; %d crash(es) with an EMPTY (failed) signature; top:%n", terms.size(), empty);
        for (int i = 0; i < Math.min(5, terms.size()); i++) {
            String term = terms.get(i).path("term").asText();
            System.out.printf("  %5d  %s%n", terms.get(i).path("count").asLong(),
                    term.length() > 100 ? term.substring(0, 99) + "…" : term);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "n/a";
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Options parse(String[] given) {
        String[] args = given;
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        Path corpus = Path.of("..", "shared", "corpus");
        int crashes = 360;
        int maxSeconds = 300;
        int warmupRounds = 2;
        int workers = 2;
        int concurrency = 2;
        List<String> jvm = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--jar" -> jar = Path.of(args[++i]);
                    case "--corpus" -> corpus = Path.of(args[++i]);
                    case "--crashes" -> crashes = Integer.parseInt(args[++i]);
                    case "--max-seconds" -> maxSeconds = Integer.parseInt(args[++i]);
                    case "--warmup-rounds" -> warmupRounds = Integer.parseInt(args[++i]);
                    case "--workers" -> workers = Integer.parseInt(args[++i]);
                    case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                    case "--jvm-opt" -> jvm.add(args[++i]);
                    default -> {
                        // A bare path is the corpus (the pom's default bench.args).
                        if (args[i].startsWith("--")) fail("unknown option " + args[i]);
                        corpus = Path.of(args[i]);
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            fail("bad arguments: " + e.getMessage());
        }
        if (crashes < 1 || crashes > 5000 || maxSeconds < 10 || maxSeconds > 1800 || warmupRounds < 0 || warmupRounds > 10
                || workers < 1 || workers > 32 || concurrency < 1 || concurrency > 64) {
            fail("--crashes 1-5000, --max-seconds 10-1800, --warmup-rounds 0-10, --workers 1-32, --concurrency 1-64");
        }
        return new Options(jar.toAbsolutePath(), corpus.toAbsolutePath().normalize(), crashes, maxSeconds, warmupRounds,
                workers, concurrency, List.copyOf(jvm));
    }

    private static void fail(String message) {
        System.err.println("benchmark: " + message);
        System.exit(2);
    }
}
