package io.breakwater.jobs;

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
import java.util.List;
import java.util.Optional;

/** The {@code job_state} rows (schedule and lock) and the {@code job_run} history. */
@ApplicationScoped
public class JobStateStore {

    private static final int MAX_TEXT = 4000;

    private final DataSource dataSource;

    @Inject
    public JobStateStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A job's row as the Jobs page shows it. */
    public record State(String name, Instant nextRunAt, Instant requestedAt, Instant lastStartedAt,
                        Instant lastFinishedAt, Instant lastSuccessAt, Instant lastSuccessSlot, Instant lastErrorAt,
                        String lastError, int consecutiveFailures, String runningOwner, Instant leaseUntil) {
    }

    /** A lock just taken. */
    public record Claim(Instant nextRunAt, Instant lastSuccessSlot, boolean requested, int consecutiveFailures) {
    }

    public record Run(long id, String name, Instant slot, String owner, Instant startedAt, Instant finishedAt,
                      String outcome, String summary) {
    }

    /** Creates the job's row, due at {@code firstRun}, unless it exists. */
    public void ensure(String name, Instant firstRun) {
        update("INSERT INTO job_state (name, next_run_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", ps -> {
            ps.setString(1, name);
            ps.setTimestamp(2, Timestamp.from(firstRun));
        });
    }

    /**
     * Takes the job's lock when it is due (or was asked to run) and nobody holds a live lease. Runs left
     * "running" by an instance whose lease ran out are marked abandoned.
     */
    public Optional<Claim> claim(String name, String owner, Duration lease, Instant now) {
        String sql = "UPDATE job_state SET running_owner = ?, lease_until = ?, last_started_at = ? "
                + "WHERE name = ? AND (next_run_at <= ? OR requested_at IS NOT NULL) "
                + "AND (running_owner IS NULL OR lease_until < ?) "
                + "RETURNING next_run_at, last_success_slot, requested_at IS NOT NULL, consecutive_failures";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, owner);
            ps.setTimestamp(2, Timestamp.from(now.plus(lease)));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, name);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now));
            Optional<Claim> claim;
            try (ResultSet rs = ps.executeQuery()) {
                claim = rs.next() ? Optional.of(new Claim(rs.getTimestamp(1).toInstant(), instant(rs.getTimestamp(2)),
                        rs.getBoolean(3), rs.getInt(4))) : Optional.empty();
            }
            if (claim.isPresent()) {
                try (PreparedStatement abandoned = c.prepareStatement("UPDATE job_run SET outcome = 'abandoned', "
                        + "finished_at = ?, summary = 'its instance stopped before finishing' "
                        + "WHERE name = ? AND outcome = 'running'")) {
                    abandoned.setTimestamp(1, Timestamp.from(now));
                    abandoned.setString(2, name);
                    abandoned.executeUpdate();
                }
            }
            return claim;
        } catch (SQLException e) {
            throw new JobStoreException("cannot claim job " + name + ": " + e.getMessage(), e);
        }
    }

    /** Extends a held lease; false when it is no longer ours. */
    public boolean renew(String name, String owner, Duration lease) {
        return update("UPDATE job_state SET lease_until = ? WHERE name = ? AND running_owner = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(Instant.now().plus(lease)));
            ps.setString(2, name);
            ps.setString(3, owner);
        }) == 1;
    }

    public long startRun(String name, Instant slot, String owner) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO job_run (name, slot, owner, outcome) VALUES (?, ?, ?, 'running') RETURNING id")) {
            ps.setString(1, name);
            ps.setTimestamp(2, Timestamp.from(slot));
            ps.setString(3, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new JobStoreException("cannot record a run of " + name + ": " + e.getMessage(), e);
        }
    }

    public void finishRun(long runId, boolean ok, String summary) {
        update("UPDATE job_run SET finished_at = now(), outcome = ?, summary = ? WHERE id = ?", ps -> {
            ps.setString(1, ok ? "ok" : "failed");
            ps.setString(2, bounded(summary));
            ps.setLong(3, runId);
        });
    }

    /** Records the success of one slot; the lock stays (more slots may follow). */
    public void slotDone(String name, String owner, Instant slot, Instant now) {
        update("UPDATE job_state SET last_success_at = ?, last_success_slot = ?, consecutive_failures = 0 "
                + "WHERE name = ? AND running_owner = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(slot));
            ps.setString(3, name);
            ps.setString(4, owner);
        });
    }

    /** Releases the lock after success, due next at {@code nextRun}. */
    public void succeeded(String name, String owner, Instant nextRun, Instant now) {
        update("UPDATE job_state SET next_run_at = ?, requested_at = NULL, last_finished_at = ?, running_owner = NULL, "
                + "lease_until = NULL WHERE name = ? AND running_owner = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(nextRun));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, name);
            ps.setString(4, owner);
        });
    }

    /** Releases the lock after failure; retried at {@code retryAt}. */
    public void failed(String name, String owner, String error, Instant retryAt, Instant now) {
        update("UPDATE job_state SET next_run_at = ?, requested_at = NULL, last_finished_at = ?, last_error_at = ?, "
                + "last_error = ?, consecutive_failures = consecutive_failures + 1, running_owner = NULL, lease_until = NULL "
                + "WHERE name = ? AND running_owner = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(retryAt));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, bounded(error));
            ps.setString(5, name);
            ps.setString(6, owner);
        });
    }

    /** "Run now": the next tick of any instance with the jobs role runs it. */
    public boolean request(String name) {
        return update("UPDATE job_state SET requested_at = now() WHERE name = ?", ps -> ps.setString(1, name)) == 1;
    }

    public List<State> states() {
        List<State> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name, next_run_at, requested_at, last_started_at, last_finished_at, last_success_at, "
                        + "last_success_slot, last_error_at, last_error, consecutive_failures, running_owner, lease_until "
                        + "FROM job_state ORDER BY name"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new State(rs.getString(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)),
                        instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), rs.getString(9), rs.getInt(10),
                        rs.getString(11), instant(rs.getTimestamp(12))));
            }
            return out;
        } catch (SQLException e) {
            throw new JobStoreException("cannot read job states: " + e.getMessage(), e);
        }
    }

    public Optional<State> state(String name) {
        return states().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The newest runs first; {@code name} null for all jobs. */
    public List<Run> history(String name, int limit) {
        List<Run> out = new ArrayList<>();
        String sql = "SELECT id, name, slot, owner, started_at, finished_at, outcome, summary FROM job_run"
                + (name == null ? "" : " WHERE name = ?") + " ORDER BY started_at DESC, id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (name != null) {
                ps.setString(i++, name);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Run(rs.getLong(1), rs.getString(2), instant(rs.getTimestamp(3)), rs.getString(4),
                            instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), rs.getString(7), rs.getString(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new JobStoreException("cannot read job history: " + e.getMessage(), e);
        }
    }

    /** Keeps the newest {@code keep} runs of a job (Socorro's cleanse_cronlog). */
    public int trimHistory(String name, int keep) {
        return update("DELETE FROM job_run WHERE name = ? AND id NOT IN "
                + "(SELECT id FROM job_run WHERE name = ? ORDER BY started_at DESC, id DESC LIMIT ?)", ps -> {
            ps.setString(1, name);
            ps.setString(2, name);
            ps.setInt(3, keep);
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new JobStoreException("job table: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String bounded(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "…" : s;
    }

    /** The job tables could not be read or written. */
    public static class JobStoreException extends RuntimeException {
        public JobStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
