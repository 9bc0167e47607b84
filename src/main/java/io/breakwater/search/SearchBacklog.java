package io.breakwater.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Durable list (PostgreSQL) of crash ids whose search document must be written. Every enqueue bumps the
 * row's generation; completing a claim only deletes the generation it read, so a crash re-queued while
 * being drained is drained again. Claims are leases: a drainer that dies leaves rows that become due
 * again when the lease expires.
 */
@ApplicationScoped
public class SearchBacklog {

    public enum Reason {
        UNAVAILABLE, REJECTED, REINDEX;

        String db() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Reason fromDb(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** A claimed backlog row. */
    public record Claim(String crashId, long generation, Reason reason, int attempts) {
    }

    public record Stats(long total, long due, long parked) {
    }

    private static final int MAX_ERROR = 2000;

    private final DataSource dataSource;

    @Inject
    public SearchBacklog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Queues a crash (or re-queues it, due now). A reindex request never hides an earlier failure reason. */
    public void enqueue(String crashId, Reason reason, String error) {
        enqueueAll(List.of(crashId), reason, error);
    }

    public void enqueueAll(Collection<String> crashIds, Reason reason, String error) {
        if (crashIds.isEmpty()) {
            return;
        }
        String sql = """
                INSERT INTO search_index_backlog (crash_id, reason, generation, last_error)
                VALUES (?, ?, nextval('search_index_backlog_generation'), ?)
                ON CONFLICT (crash_id) DO UPDATE SET
                    generation = EXCLUDED.generation,
                    next_attempt_at = now(),
                    reason = CASE WHEN EXCLUDED.reason = 'reindex' THEN search_index_backlog.reason
                                  ELSE EXCLUDED.reason END,
                    last_error = COALESCE(EXCLUDED.last_error, search_index_backlog.last_error)
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (String id : crashIds) {
                ps.setString(1, id);
                ps.setString(2, reason.db());
                ps.setString(3, truncate(error));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record crashes in the search backlog: " + e.getMessage(), e);
        }
    }

    /** Leases up to {@code max} due rows for {@code lease}; oldest due first. */
    public List<Claim> claim(int max, Duration lease) {
        String sql = """
                UPDATE search_index_backlog b
                   SET next_attempt_at = now() + (? * interval '1 millisecond')
                  FROM (SELECT crash_id FROM search_index_backlog
                         WHERE next_attempt_at <= now()
                         ORDER BY next_attempt_at, crash_id
                         LIMIT ? FOR UPDATE SKIP LOCKED) due
                 WHERE b.crash_id = due.crash_id
                RETURNING b.crash_id, b.generation, b.reason, b.attempts
                """;
        List<Claim> claims = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, lease.toMillis());
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claims.add(new Claim(rs.getString(1), rs.getLong(2), Reason.fromDb(rs.getString(3)), rs.getInt(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim search backlog rows: " + e.getMessage(), e);
        }
        return claims;
    }

    /** Removes claimed rows that were not re-queued meanwhile. */
    public void complete(Collection<Claim> claims) {
        batch("DELETE FROM search_index_backlog WHERE crash_id = ? AND generation = ?", claims, null);
    }

    /** Makes claimed rows due again now, without counting an attempt (Elasticsearch went away). */
    public void release(Collection<Claim> claims) {
        batch("UPDATE search_index_backlog SET next_attempt_at = now() WHERE crash_id = ? AND generation = ?",
                claims, null);
    }

    /** Counts a failed attempt and makes the row due again after {@code delay}. */
    public void retryLater(Claim claim, String error, Duration delay) {
        String sql = """
                UPDATE search_index_backlog
                   SET attempts = attempts + 1, last_error = ?,
                       next_attempt_at = now() + (? * interval '1 millisecond')
                 WHERE crash_id = ? AND generation = ?
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, truncate(error));
            ps.setLong(2, delay.toMillis());
            ps.setString(3, claim.crashId());
            ps.setLong(4, claim.generation());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the search backlog: " + e.getMessage(), e);
        }
    }

    /** Keeps the row but stops retrying it (until {@link #requeueParked()}); the error says why. */
    public void park(Claim claim, String error) {
        batch("""
                UPDATE search_index_backlog
                   SET attempts = attempts + 1, last_error = ?, next_attempt_at = 'infinity', reason = 'rejected'
                 WHERE crash_id = ? AND generation = ?
                """, List.of(claim), truncate(error));
    }

    /** Records a crash whose document Elasticsearch refused, without retrying it automatically. */
    public void parkNew(String crashId, String error) {
        String sql = """
                INSERT INTO search_index_backlog (crash_id, reason, generation, last_error, next_attempt_at, attempts)
                VALUES (?, 'rejected', nextval('search_index_backlog_generation'), ?, 'infinity', 1)
                ON CONFLICT (crash_id) DO UPDATE SET
                    generation = EXCLUDED.generation, reason = 'rejected', last_error = EXCLUDED.last_error,
                    next_attempt_at = 'infinity', attempts = search_index_backlog.attempts + 1
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, crashId);
            ps.setString(2, truncate(error));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record crashes in the search backlog: " + e.getMessage(), e);
        }
    }

    /** Makes every parked row due again (after a mapping fix, for example); returns how many. */
    public int requeueParked() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE search_index_backlog SET next_attempt_at = now(), attempts = 0 WHERE next_attempt_at = 'infinity'")) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the search backlog: " + e.getMessage(), e);
        }
    }

    public Stats stats() {
        String sql = """
                SELECT count(*),
                       count(*) FILTER (WHERE next_attempt_at <= now()),
                       count(*) FILTER (WHERE next_attempt_at = 'infinity')
                  FROM search_index_backlog
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Stats(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the search backlog: " + e.getMessage(), e);
        }
    }

    /** True when the crash is waiting in the backlog (parked or not). */
    public boolean contains(String crashId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM search_index_backlog WHERE crash_id = ?")) {
            ps.setString(1, crashId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the search backlog: " + e.getMessage(), e);
        }
    }

    private void batch(String sql, Collection<Claim> claims, String firstParam) {
        if (claims.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (Claim claim : claims) {
                int i = 1;
                if (firstParam != null) {
                    ps.setString(i++, firstParam);
                }
                ps.setString(i++, claim.crashId());
                ps.setLong(i, claim.generation());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the search backlog: " + e.getMessage(), e);
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }
}
