package io.breakwater.symbolstore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which crashes were processed without which modules' symbols (table {@code crash_missing_symbols}), so
 * that uploading those symbols can queue exactly those crashes for reprocessing.
 * <p>
 * The processor calls {@link #record} after each processing of a crash with the modules it found no
 * symbols for (an empty list clears the crash). After an upload, {@link #crashesMissing} lists the
 * crashes waiting for the uploaded modules and {@link #forget} removes the rows once they are queued; a
 * crash still missing symbols after reprocessing is recorded again.
 */
@ApplicationScoped
public class MissingSymbols {

    /** Modules per statement when looking crashes up. */
    private static final int BATCH = 500;

    private final DataSource dataSource;

    @Inject
    public MissingSymbols(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One statement, so one round trip and atomic on its own: rows of modules no longer missing go, the
     * missing ones are inserted or have their time refreshed. Rows that stay are never deleted and
     * re-inserted in the same statement (PostgreSQL leaves that case's outcome unspecified).
     */
    private static final String REPLACE = """
            WITH wanted AS (
                SELECT DISTINCT f AS debug_file, i AS debug_id FROM unnest(?::text[], ?::text[]) AS m(f, i)
            ), cleared AS (
                DELETE FROM crash_missing_symbols c WHERE c.crash_id = ? AND NOT EXISTS (
                    SELECT 1 FROM wanted w WHERE w.debug_file = c.debug_file AND w.debug_id = c.debug_id)
            )
            INSERT INTO crash_missing_symbols (debug_file, debug_id, crash_id)
            SELECT debug_file, debug_id, ? FROM wanted
            ON CONFLICT (debug_file, debug_id, crash_id) DO UPDATE SET recorded_at = EXCLUDED.recorded_at
            """;

    /**
     * Replaces the modules recorded for {@code crashId} with {@code missing} (names as the minidump gave
     * them; unusable ones are skipped).
     */
    public void record(String crashId, Collection<SymbolKey> missing) {
        List<SymbolKey> keys = List.copyOf(new LinkedHashSet<>(missing));
        String[] files = new String[keys.size()];
        String[] ids = new String[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            files[i] = keys.get(i).debugFile();
            ids[i] = keys.get(i).debugId();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(REPLACE)) {
            ps.setArray(1, c.createArrayOf("text", files));
            ps.setArray(2, c.createArrayOf("text", ids));
            ps.setString(3, crashId);
            ps.setString(4, crashId);
            ps.executeUpdate();
            if (!c.getAutoCommit()) c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record missing symbols of " + crashId + ": " + e.getMessage(), e);
        }
    }

    /** Crashes recorded within {@code window} as missing any of {@code modules}, oldest first, at most {@code max}. */
    public List<String> crashesMissing(Collection<SymbolKey> modules, Duration window, int max) {
        Set<String> crashes = new LinkedHashSet<>();
        List<SymbolKey> all = List.copyOf(new LinkedHashSet<>(modules));
        Timestamp since = Timestamp.from(Instant.now().minus(window));
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < all.size() && crashes.size() < max; from += BATCH) {
                List<SymbolKey> batch = all.subList(from, Math.min(all.size(), from + BATCH));
                StringBuilder sql = new StringBuilder(
                        "SELECT crash_id, min(recorded_at) AS first FROM crash_missing_symbols WHERE recorded_at >= ? AND (");
                for (int i = 0; i < batch.size(); i++) {
                    sql.append(i == 0 ? "" : " OR ").append("(debug_file = ? AND debug_id = ?)");
                }
                sql.append(") GROUP BY crash_id ORDER BY first, crash_id LIMIT ?");
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    int p = 1;
                    ps.setTimestamp(p++, since);
                    for (SymbolKey key : batch) {
                        ps.setString(p++, key.debugFile());
                        ps.setString(p++, key.debugId());
                    }
                    ps.setInt(p, max - crashes.size());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            crashes.add(rs.getString(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up crashes missing symbols: " + e.getMessage(), e);
        }
        return new ArrayList<>(crashes).subList(0, Math.min(crashes.size(), max));
    }

    /** Removes the rows of {@code crashIds} for {@code modules} (they have been queued for reprocessing). */
    public void forget(Collection<String> crashIds, Collection<SymbolKey> modules) {
        if (crashIds.isEmpty() || modules.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM crash_missing_symbols "
                     + "WHERE debug_file = ? AND debug_id = ? AND crash_id = ANY (?)")) {
            java.sql.Array ids = c.createArrayOf("varchar", crashIds.toArray());
            for (SymbolKey key : new LinkedHashSet<>(modules)) {
                ps.setString(1, key.debugFile());
                ps.setString(2, key.debugId());
                ps.setArray(3, ids);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not clear missing-symbol records: " + e.getMessage(), e);
        }
    }

    /** Forgets everything recorded about one crash (it was deleted). */
    public int forgetCrash(String crashId) {
        return delete("DELETE FROM crash_missing_symbols WHERE crash_id = ?", ps -> ps.setString(1, crashId));
    }

    /** Forgets records older than {@code cutoff}: such crashes are no longer reprocessed when symbols arrive. */
    public int forgetOlderThan(java.time.Instant cutoff) {
        return delete("DELETE FROM crash_missing_symbols WHERE recorded_at < ?",
                ps -> ps.setTimestamp(1, java.sql.Timestamp.from(cutoff)));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws java.sql.SQLException;
    }

    private int delete(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new io.breakwater.storage.StorageException("missing-symbols table: " + e.getMessage(), e);
        }
    }
}
