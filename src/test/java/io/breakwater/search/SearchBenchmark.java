package io.breakwater.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Indexing throughput and Super Search latency on the embedded node. Prints figures; runs only with
 * {@code -Dbreakwater.bench.search=true} (optionally {@code -Dbreakwater.bench.search.crashes=N}):
 * <pre>./mvnw -B -o test -Dtest=SearchBenchmark -Dbreakwater.bench.search=true</pre>
 */
@QuarkusTest
class SearchBenchmark {

    @Inject
    ElasticsearchClient client;
    @Inject
    FieldRegistry registry;
    @Inject
    CrashDocumentBuilder builder;

    @Test
    void indexAndSearch() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("breakwater.bench.search"), "benchmark: -Dbreakwater.bench.search=true");
        int crashes = Integer.getInteger("breakwater.bench.search.crashes", 20_000);
        CrashIndexNames names = new CrashIndexNames("bw-bench");
        String durability = System.getProperty("breakwater.bench.search.durability", "request");
        CrashIndexManager manager = new CrashIndexManager(client, registry, names, 1, 0, "30s", 26, durability);
        CrashIndexWriter writer = new CrashIndexWriter(client, names);
        SuperSearch search = new SuperSearch(client, registry, names);
        manager.installTemplate();

        SplittableRandom random = new SplittableRandom(42);
        Instant now = Instant.now();
        List<CrashDocument> docs = new ArrayList<>(crashes);
        for (int i = 0; i < crashes; i++) {
            Instant date = now.minus(random.nextLong(6 * 24 * 3600), ChronoUnit.SECONDS);
            // Few signatures are common, many are rare.
            int sig = (int) Math.floor(Math.pow(random.nextDouble(), 3) * 2000);
            ObjectNode p = TestCrashes.processed(TestCrashes.crashId(date), date,
                    "frame_" + sig + " | caller_" + (sig % 97), "Bench" + (i % 3));
            p.put("version", "1." + (i % 5));
            p.put("os_name", List.of("Windows NT", "Linux", "Mac OS X").get(random.nextInt(3)));
            p.put("uptime", random.nextInt(100_000));
            p.put("cpu_arch", random.nextBoolean() ? "amd64" : "arm64");
            p.put("reason", "SIGSEGV /SEGV_MAPERR");
            p.put("modules_in_stack", "libxul.so/ABC;libc.so.6/DEF");
            p.putObject("raw_crash").put("InstallID", "install-" + random.nextInt(crashes / 4 + 1));
            docs.add(builder.build(p, null));
        }

        int single = Math.min(500, crashes / 10);
        long t0 = System.nanoTime();
        for (int i = 0; i < single; i++) {
            writer.write(docs.get(i));
        }
        double singleSeconds = (System.nanoTime() - t0) / 1e9;

        t0 = System.nanoTime();
        for (int i = single; i < crashes; i += 500) {
            writer.writeAll(docs.subList(i, Math.min(crashes, i + 500)));
        }
        double bulkSeconds = (System.nanoTime() - t0) / 1e9;
        manager.refresh();
        assertEquals(crashes, client.count(c -> c.index(names.alias())).count());

        Map<String, Map<String, List<String>>> queries = new LinkedHashMap<>();
        queries.put("default (signature facet)", Map.of());
        queries.put("product+version, 3 facets", Map.of("product", List.of("Bench1"), "version", List.of("1.2"),
                "_facets", List.of("signature", "platform", "cpu_arch")));
        queries.put("top crashers (_aggs.signature + cardinality, 300)", Map.of(
                "_aggs.signature", List.of("platform", "_cardinality.install_id"), "_facets_size", List.of("300"),
                "_results_number", List.of("0")));
        queries.put("signature contains + histogram by day", Map.of("signature", List.of("~frame_1"),
                "_histogram.date", List.of("version")));
        System.out.printf("SEARCH BENCH: %d crashes, translog %s; single index %.0f docs/s; bulk(500) %.0f docs/s%n",
                crashes, durability, single / singleSeconds, (crashes - single) / bulkSeconds);
        for (Map.Entry<String, Map<String, List<String>>> q : queries.entrySet()) {
            search.search(q.getValue(), SearchAccess.PUBLIC_ONLY); // warm-up
            long[] ms = new long[15];
            for (int i = 0; i < ms.length; i++) {
                long s = System.nanoTime();
                search.search(q.getValue(), SearchAccess.PUBLIC_ONLY);
                ms[i] = (System.nanoTime() - s) / 1_000_000;
            }
            Arrays.sort(ms);
            System.out.printf("SEARCH BENCH: %-50s median %d ms, max %d ms%n", q.getKey(), ms[ms.length / 2], ms[ms.length - 1]);
        }
        client.indices().delete(d -> d.index(names.wildcard()));
        client.indices().deleteIndexTemplate(d -> d.name(names.templateName()));
    }
}
