package io.breakwater.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.search.CrashIndexNames;
import io.breakwater.search.FieldRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Backfills first-seen dates from search, like Socorro's {@code updatesignatures} job: every run sweeps
 * the crashes submitted since the previous run (minus an overlap for late indexing; the first run sweeps
 * everything indexed) with a composite aggregation over (signature, build id) and the earliest date of
 * each pair. The processor hook keeps the table fresh; this catches what it missed (crashes processed
 * before the hook existed, database outages). The job runner runs it ({@code signature-first-seen}).
 */
@ApplicationScoped
public class SignatureFirstSeenBackfill {

    private static final Logger LOG = Logger.getLogger(SignatureFirstSeenBackfill.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final int PAGE_SIZE = 1000;

    /** What one sweep covered: crashes submitted in [from, until) (from null = everything before until). */
    public record Result(Instant from, Instant until, long pairs, int changed) {
    }

    private final RestClient elasticsearch;
    private final CrashIndexNames names;
    private final SignatureFirstSeenStore store;
    private final String signatureKey;
    private final String buildKey;
    private final String dateKey;
    private final Duration overlap;
    private final Clock clock;

    @Inject
    public SignatureFirstSeenBackfill(RestClient elasticsearch, CrashIndexNames names, FieldRegistry registry,
                                      SignatureFirstSeenStore store, JobsConfig config) {
        this(elasticsearch, names, registry, store, config.signatureFirstSeen().overlap(), Clock.systemUTC());
    }

    SignatureFirstSeenBackfill(RestClient elasticsearch, CrashIndexNames names, FieldRegistry registry,
                               SignatureFirstSeenStore store, Duration overlap, Clock clock) {
        this.elasticsearch = elasticsearch;
        this.names = names;
        this.store = store;
        this.signatureKey = registry.get("signature").exactKey();
        this.buildKey = registry.get("build_id").exactKey();
        this.dateKey = registry.get(FieldRegistry.DATE_FIELD).name();
        this.overlap = overlap.isNegative() ? Duration.ZERO : overlap;
        this.clock = clock;
    }

    /** Sweeps from the last run (minus the overlap) to now, then remembers now; a failed run saves nothing. */
    public synchronized Result run() {
        // Search dates have millisecond resolution; the database keeps exactly this.
        Instant until = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant from = store.sweptUntil().map(t -> t.minus(overlap)).orElse(null);
        Result result = sweep(from, until);
        store.saveSweptUntil(until);
        return result;
    }

    /** Records the first-seen data of crashes submitted in [from, until); from null means no lower bound. */
    public Result sweep(Instant from, Instant until) {
        long pairs = 0;
        int changed = 0;
        JsonNode after = null;
        while (true) {
            JsonNode agg = page(from, until, after).path("aggregations").path("pairs");
            List<SignatureFirstSeen> sightings = new ArrayList<>();
            JsonNode buckets = agg.path("buckets");
            for (JsonNode bucket : buckets) {
                toSighting(bucket).ifPresent(sightings::add);
            }
            pairs += buckets.size();
            changed += store.record(sightings);
            JsonNode next = agg.get("after_key");
            // Fewer buckets than asked, or a key that does not move, means the end (never loop on one page).
            if (buckets.size() < PAGE_SIZE || next == null || !next.isObject() || next.equals(after)) break;
            after = next;
        }
        return new Result(from, until, pairs, changed);
    }

    private Optional<SignatureFirstSeen> toSighting(JsonNode bucket) {
        String signature = bucket.path("key").path("signature").asText(null);
        JsonNode build = bucket.path("key").path("build");
        JsonNode min = bucket.path("first").path("value");
        if (!SignatureFirstSeen.storable(signature) || !min.isNumber()) return Optional.empty();
        Instant date = Instant.ofEpochMilli((long) min.asDouble());
        return Optional.of(new SignatureFirstSeen(signature, date,
                build.isNull() || build.isMissingNode() ? null : SignatureFirstSeen.numericBuild(build.asText())));
    }

    private JsonNode page(Instant from, Instant until, JsonNode after) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("size", 0);
        body.put("track_total_hits", false);
        ObjectNode range = body.putObject("query").putObject("range").putObject(dateKey);
        if (from != null) range.put("gte", from.toString());
        range.put("lt", until.toString());
        ObjectNode pairs = body.putObject("aggs").putObject("pairs");
        ObjectNode composite = pairs.putObject("composite");
        composite.put("size", PAGE_SIZE);
        composite.putArray("sources")
                .add(source("signature", signatureKey, false))
                .add(source("build", buildKey, true));
        if (after != null) composite.set("after", after);
        pairs.putObject("aggs").putObject("first").putObject("min").put("field", dateKey);

        Request request = new Request("POST", "/" + names.wildcard() + "/_search");
        request.addParameter("ignore_unavailable", "true");
        request.addParameter("allow_no_indices", "true");
        request.setJsonEntity(body.toString());
        try {
            Response response = elasticsearch.performRequest(request);
            try (InputStream in = response.getEntity().getContent()) {
                return MAPPER.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search query for first-seen dates failed: " + e.getMessage(), e);
        }
    }

    private static ObjectNode source(String name, String field, boolean missingBucket) {
        ObjectNode source = MAPPER.createObjectNode();
        ObjectNode terms = source.putObject(name).putObject("terms");
        terms.put("field", field);
        if (missingBucket) terms.put("missing_bucket", true);
        return source;
    }
}
