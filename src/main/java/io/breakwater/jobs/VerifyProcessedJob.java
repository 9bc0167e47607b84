package io.breakwater.jobs;

import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.Lane;
import io.breakwater.search.CrashDocuments;
import io.breakwater.storage.CrashStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every acknowledged crash must get processed (Socorro's verifyprocessed and updatemissing): each night,
 * every raw crash of the previous days is checked for a processed crash; one without it and without a
 * queue item is queued again and recorded in {@code missing_processed_crash}, which later runs mark as
 * processed once it is.
 */
@ApplicationScoped
public class VerifyProcessedJob implements MaintenanceJob {

    static final int BATCH = 500;

    @Inject
    CrashStorage storage;

    @Inject
    CrashDocuments documents;

    @Inject
    CrashQueue queue;

    @Inject
    DataSource dataSource;

    @Inject
    JobsConfig config;

    @Override
    public String name() {
        return "verify-processed";
    }

    @Override
    public String description() {
        return "Queues again any raw crash of the last " + config.verifyProcessed().days()
                + " days that has no processed crash.";
    }

    @Override
    public JobSchedule schedule() {
        return JobSchedule.daily(4);
    }

    @Override
    public boolean backfill() {
        return true;
    }

    @Override
    public String run(Instant slot, Instant lastSuccess) throws SQLException {
        LocalDate today = LocalDate.ofInstant(slot, ZoneOffset.UTC);
        int checked = 0;
        List<String> missing = new ArrayList<>();
        int requeued = 0;
        for (int back = config.verifyProcessed().days(); back >= 1; back--) {
            String day = today.minusDays(back).format(RetentionJob.DAY);
            String after = null;
            while (true) {
                List<String> ids = storage.listRawCrashIds(day, BATCH, after);
                if (ids.isEmpty()) {
                    break;
                }
                after = ids.getLast();
                checked += ids.size();
                Map<String, Map<String, String>> indexed = documents.find(ids, List.of("uuid"));
                for (String id : ids) {
                    if (indexed.containsKey(id) || storage.processedCrashExists(id)) {
                        continue;
                    }
                    if (!queue.findByCrashId(id).isEmpty()) {
                        continue; // queued or being processed: the queue will get to it
                    }
                    missing.add(id);
                    if (queue.enqueue(id, Lane.STANDARD)) {
                        requeued++;
                    }
                    record(id);
                }
            }
        }
        int since = markProcessedSince();
        return "checked " + checked + " raw crash(es) of the " + config.verifyProcessed().days() + " day(s) before "
                + today + ": " + missing.size() + " without a processed crash, " + requeued + " queued again"
                + (missing.isEmpty() ? "" : " (" + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                + (missing.size() > 5 ? ", …" : "") + ")") + "; " + since + " found earlier are processed now";
    }

    private void record(String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO missing_processed_crash (crash_id, requeued) VALUES (?, true) "
                        + "ON CONFLICT (crash_id) DO UPDATE SET requeued = true, processed_at = NULL")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    /** Marks earlier findings whose crash got processed since. */
    private int markProcessedSince() throws SQLException {
        List<String> open = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT crash_id FROM missing_processed_crash WHERE processed_at IS NULL LIMIT 10000");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                open.add(rs.getString(1));
            }
        }
        int done = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE missing_processed_crash SET processed_at = now() WHERE crash_id = ?")) {
            for (String id : open) {
                if (storage.processedCrashExists(id)) {
                    ps.setString(1, id);
                    done += ps.executeUpdate();
                }
            }
        }
        return done;
    }
}
