package io.breakwater.jobs;

import io.breakwater.search.CrashDocuments;
import io.breakwater.storage.CrashStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deletes crashes past their retention (raw crash, dumps, processed crash, search document), oldest day
 * first, in bounded batches: {@code breakwater.jobs.retention.days} (default 180), or a product's own
 * {@code product-days}. The first {@code keep-per-signature} crashes of each signature are kept as evidence
 * (recorded in {@code retained_crash}): going oldest first, those are the first of their signature.
 */
@ApplicationScoped
public class RetentionJob implements MaintenanceJob {

    static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    static final String UNKNOWN_SIGNATURE = "";

    @Inject
    CrashStorage storage;

    @Inject
    CrashDocuments documents;

    @Inject
    CrashDeleter deleter;

    @Inject
    DataSource dataSource;

    @Inject
    JobsConfig config;

    @Override
    public String name() {
        return "retention";
    }

    @Override
    public String description() {
        return "Deletes crashes older than their retention, keeping the first " + config.retention().keepPerSignature()
                + " of each signature.";
    }

    @Override
    public JobSchedule schedule() {
        return JobSchedule.daily(3);
    }

    /** A crash's facts as retention needs them. */
    record Facts(String product, String signature) {
    }

    @Override
    public String run(Instant slot, Instant lastSuccess) throws SQLException {
        JobsConfig.Retention r = config.retention();
        LocalDate today = LocalDate.ofInstant(slot, ZoneOffset.UTC);
        int shortest = r.productDays().values().stream().mapToInt(Integer::intValue).min().orElse(r.days());
        shortest = Math.min(shortest, r.days());
        LocalDate firstKeptDay = today.minusDays(shortest);
        int deleted = 0;
        int kept = 0;
        int scanned = 0;
        boolean capped = false;
        for (String day : storage.listRawCrashDays(100_000)) {
            LocalDate received = LocalDate.parse(day, DAY);
            if (!received.isBefore(firstKeptDay) || capped) {
                break;
            }
            long age = ChronoUnit.DAYS.between(received, today);
            String after = null;
            while (!capped) {
                List<String> ids = storage.listRawCrashIds(day, r.batchSize(), after);
                if (ids.isEmpty()) {
                    break;
                }
                after = ids.getLast();
                scanned += ids.size();
                Map<String, Facts> facts = facts(ids);
                Set<String> retained = retained(ids);
                Map<String, Integer> evidence = evidenceCounts(facts.values().stream().map(Facts::signature).toList());
                for (String id : ids) {
                    Facts f = facts.get(id);
                    int days = f.product() == null ? r.days() : r.productDays().getOrDefault(f.product(), r.days());
                    if (age <= days || retained.contains(id)) {
                        continue;
                    }
                    int have = evidence.getOrDefault(f.signature(), 0);
                    if (have < r.keepPerSignature()) {
                        retain(id, f.signature(), received);
                        evidence.put(f.signature(), have + 1);
                        kept++;
                        continue;
                    }
                    if (deleter.delete(id).complete()) {
                        deleted++;
                    }
                    if (deleted >= r.maxPerRun()) {
                        capped = true;
                        break;
                    }
                }
            }
        }
        return "deleted " + deleted + " crash(es), kept " + kept + " more as evidence, looked at " + scanned
                + " received before " + firstKeptDay + (capped ? "; stopped at " + r.maxPerRun() + ", the rest next run" : "");
    }

    /** Product and signature from search; crashes without a document are read from storage. */
    private Map<String, Facts> facts(List<String> ids) {
        Map<String, Map<String, String>> docs = documents.find(ids, List.of("product", "signature"));
        Map<String, Facts> out = new HashMap<>();
        for (String id : ids) {
            Map<String, String> doc = docs.get(id);
            if (doc != null) {
                out.put(id, new Facts(doc.get("product"), doc.get("signature") == null ? UNKNOWN_SIGNATURE : doc.get("signature")));
                continue;
            }
            Map<String, Object> processed = storage.loadProcessedCrash(id).orElse(Map.of());
            Object product = processed.get("product");
            if (product == null) {
                product = storage.loadRawCrash(id).map(raw -> raw.get("ProductName")).orElse(null);
            }
            Object signature = processed.get("signature");
            out.put(id, new Facts(product == null ? null : String.valueOf(product),
                    signature == null ? UNKNOWN_SIGNATURE : String.valueOf(signature)));
        }
        return out;
    }

    private Set<String> retained(List<String> ids) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT crash_id FROM retained_crash WHERE crash_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private Map<String, Integer> evidenceCounts(List<String> signatures) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT signature, count(*) FROM retained_crash WHERE signature = ANY(?) GROUP BY signature")) {
            Array array = c.createArrayOf("text", new HashSet<>(signatures).toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    private void retain(String id, String signature, LocalDate received) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO retained_crash (crash_id, signature, submitted_on) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, id);
            ps.setString(2, signature);
            ps.setObject(3, received);
            ps.executeUpdate();
        }
    }
}
