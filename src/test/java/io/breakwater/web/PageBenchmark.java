package io.breakwater.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.processor.ProcessorRunningProfile;
import io.breakwater.queue.CrashQueue;
import io.breakwater.search.CrashIndexManager;
import io.breakwater.search.CrashIndexer;
import io.breakwater.storage.CrashStorage;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server time of the Crash Stats pages over a large index. Processes the generated corpus for real, then
 * indexes synthetic variants of those processed crashes (new ids, dates over 28 days, Zipf-like signatures,
 * products, versions, OSes, install ids) and stores a sample in object storage for the report page. Prints
 * figures; runs only when asked:
 * <pre>./mvnw -B -o test -Dtest=PageBenchmark -Dbreakwater.bench.pages=true [-Dbreakwater.bench.pages.crashes=100000]</pre>
 */
@QuarkusTest
@TestProfile(ProcessorRunningProfile.class)
@EnabledIfSystemProperty(named = "breakwater.bench.pages", matches = "true",
        disabledReason = "benchmark: -Dbreakwater.bench.pages=true")
class PageBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);
    private static final String PRODUCT = "PageBench";
    private static final int SIGNATURES = 3000;

    @Inject
    CrashStorage storage;
    @Inject
    CrashQueue queue;
    @Inject
    CrashIndexManager indexes;
    @Inject
    CrashIndexer indexer;

    @TestHTTPResource("/")
    URI base;

    @Test
    void pageServerTimes() throws Exception {
        int crashes = Integer.getInteger("breakwater.bench.pages.crashes", 100_000);
        Map<String, String> corpusIds = WebCrashes.load(storage, queue, indexes);
        List<JsonNode> templates = new ArrayList<>();
        for (String id : corpusIds.values()) {
            storage.loadProcessedCrashBytes(id).map(this::parse).ifPresent(templates::add);
        }
        assertTrue(templates.size() >= 10, "corpus crashes processed");

        SplittableRandom random = new SplittableRandom(7);
        Instant now = Instant.now();
        List<String> stored = new ArrayList<>();
        long t0 = System.nanoTime();
        List<JsonNode> batch = new ArrayList<>(500);
        for (int i = 0; i < crashes; i++) {
            Instant date = now.minus(random.nextLong(28L * 24 * 3600), ChronoUnit.SECONDS);
            ObjectNode p = variant(templates.get(random.nextInt(templates.size())), date, random, crashes);
            if (i % 500 == 0) {
                // A sample readable by the report page, as a processed crash and its raw crash.
                String id = p.get("uuid").asText();
                storage.saveProcessedCrash(id, JSON.writeValueAsBytes(p));
                storage.saveCrash(id, JSON.writeValueAsBytes(p.get("raw_crash")), Map.of());
                stored.add(id);
            }
            batch.add(p);
            if (batch.size() == 500) {
                indexer.indexAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) indexer.indexAll(batch);
        indexes.refresh();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;

        String topSignature = topSignature();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("report index", "report/index/" + stored.get(stored.size() / 2));
        pages.put("top crashers (7 days, product+version)", "topcrashers/?product=" + PRODUCT + "&version=2.1&days=7");
        pages.put("signature report", "signature/?signature=" + enc(topSignature));
        pages.put("super search page (3 facets)", "search/?product=" + PRODUCT
                + "&_facets=signature&_facets=version&_facets=platform");
        pages.put("api SuperSearch (3 facets)", "api/SuperSearch?product=" + PRODUCT
                + "&_facets=signature&_facets=product&_facets=platform");
        pages.put("home (products and versions)", "");

        HttpClient http = HttpClient.newHttpClient();
        System.out.printf("PAGE BENCH: %d synthetic crashes (+%d processed corpus crashes) indexed in %.0f s (%.0f/s); "
                + "load average %s%n", crashes, templates.size(), loadSeconds, crashes / loadSeconds, loadAverage());
        for (Map.Entry<String, String> page : pages.entrySet()) {
            URI uri = base.resolve(page.getValue());
            for (int i = 0; i < 3; i++) get(http, uri); // warm-up
            int n = 30;
            double[] ms = new double[n];
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                int status = get(http, uri);
                ms[i] = (System.nanoTime() - s) / 1e6;
                assertEquals(200, status, uri.toString());
            }
            Arrays.sort(ms);
            System.out.printf("PAGE BENCH: %-42s median %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
                    page.getKey(), ms[n / 2], ms[(int) (n * 0.9)], ms[(int) Math.ceil(n * 0.99) - 1], ms[n - 1]);
        }
        System.out.printf("PAGE BENCH: load average after %s%n", loadAverage());
    }

    private ObjectNode variant(JsonNode template, Instant date, SplittableRandom random, int crashes) {
        ObjectNode p = template.deepCopy();
        String uuid = UUID.randomUUID().toString();
        String id = uuid.substring(0, uuid.length() - 7) + "0" + YYMMDD.format(date);
        p.put("uuid", id);
        p.put("crash_id", id);
        p.put("submitted_timestamp", date.toString());
        p.put("date_processed", date.toString());
        p.put("completed_datetime", date.toString());
        // Few signatures are common, most are rare.
        int sig = (int) Math.floor(Math.pow(random.nextDouble(), 3) * SIGNATURES);
        p.put("signature", "bench_frame_" + sig + " | caller_" + (sig % 97));
        p.put("product", PRODUCT);
        p.put("version", "2." + random.nextInt(4));
        p.put("os_name", List.of("Windows NT", "Linux", "Mac OS X").get(random.nextInt(3)));
        p.put("uptime", random.nextInt(100_000));
        ObjectNode raw = p.has("raw_crash") && p.get("raw_crash").isObject()
                ? (ObjectNode) p.get("raw_crash") : p.putObject("raw_crash");
        raw.put("ProductName", PRODUCT);
        raw.put("Version", p.get("version").asText());
        raw.put("InstallID", "install-" + random.nextInt(crashes / 4 + 1));
        raw.put("uuid", id);
        raw.put("submitted_timestamp", date.toString());
        return p;
    }

    private String topSignature() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(
                "api/SuperSearch?product=" + PRODUCT + "&_results_number=0&_facets=signature")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("facets").path("signature").path(0).path("term").asText();
    }

    private static int get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
