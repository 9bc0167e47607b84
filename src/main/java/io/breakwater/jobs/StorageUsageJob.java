package io.breakwater.jobs;

import io.breakwater.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures what object storage holds — crashes by kind ({@code v1/raw_crash}, {@code v1/dump_names}, each
 * dump name, {@code v1/processed_crash}) and the symbols bucket as a whole — into {@code storage_usage}, which
 * the System page shows. Listing buckets is slow on large stores, hence a daily job rather than a page read.
 */
@ApplicationScoped
public class StorageUsageJob implements MaintenanceJob {

    /** One measured prefix. */
    public record Row(String bucket, String prefix, long objects, long bytes, Instant measuredAt) {
    }

    @Inject
    ObjectStore store;

    @Inject
    DataSource dataSource;

    public String name() {
        return "storage-usage";
    }

    public String description() {
        return "Counts the objects and bytes in object storage, by kind of crash data and for symbols.";
    }

    public JobSchedule schedule() {
        return JobSchedule.daily(4);
    }

    public String run(Instant slot, Instant lastSuccess) throws SQLException {
        Instant now = Instant.now();
        List<Row> rows = new ArrayList<>();
        measure(store.crashBucket(), 2, now, rows);
        measure(store.symbolsBucket(), 0, now, rows);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement clear = c.prepareStatement("DELETE FROM storage_usage");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO storage_usage (bucket, prefix, objects, bytes, measured_at) VALUES (?, ?, ?, ?, ?)")) {
                clear.executeUpdate();
                for (Row r : rows) {
                    insert.setString(1, r.bucket());
                    insert.setString(2, r.prefix());
                    insert.setLong(3, r.objects());
                    insert.setLong(4, r.bytes());
                    insert.setTimestamp(5, Timestamp.from(r.measuredAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        long objects = rows.stream().mapToLong(Row::objects).sum();
        long bytes = rows.stream().mapToLong(Row::bytes).sum();
        return objects + " object(s), " + bytes + " bytes in " + rows.size() + " prefix(es)";
    }

    private void measure(String bucket, int segments, Instant now, List<Row> rows) {
        for (Map.Entry<String, ObjectStore.Usage> e : store.usage(bucket, segments).entrySet()) {
            rows.add(new Row(bucket, e.getKey(), e.getValue().objects(), e.getValue().bytes(), now));
        }
    }

    /** The last measurement, bucket then prefix; empty before the first run. */
    public List<Row> lastMeasurement() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT bucket, prefix, objects, bytes, measured_at FROM storage_usage ORDER BY bucket, prefix");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getTimestamp(5).toInstant()));
            }
        }
        return rows;
    }
}
