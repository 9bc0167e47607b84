package io.breakwater.signaturerules;

import io.breakwater.signature.SignatureListSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Signature-list versions, activations, runs and the crashes a run changes, in PostgreSQL (V90). */
@ApplicationScoped
public class SignatureListStore {

    public enum Kind { PREVIEW, APPLY }

    public enum State { QUEUED, REPLAYING, REGENERATING, DONE, FAILED;
        public boolean finished() {
            return this == DONE || this == FAILED;
        }
    }

    public record Version(long id, SignatureListSet lists, String comment, String createdBy, Instant createdAt) {
    }

    public record Activation(long id, long versionId, String activatedBy, Instant activatedAt, Long runId) {
    }

    public record Run(long id, Kind kind, State state, int days, SignatureListSet candidate, Long versionId,
                      Long previewRunId, String comment, String requestedBy, Instant createdAt, Instant startedAt,
                      Instant finishedAt, String owner, int total, int done, int queued, int regenerated, int failed,
                      String result, String error) {

        /** The run whose replay found the changed crashes: the preview an apply was made from, or itself. */
        public long changesRunId() {
            return previewRunId != null ? previewRunId : id;
        }
    }

    public record Change(String crashId, String oldSignature, String newSignature) {
    }

    private static final String RUN_COLUMNS = "id, kind, state, days, sentinels, irrelevant, prefix, line_numbers, "
            + "version_id, preview_run_id, comment, requested_by, created_at, started_at, finished_at, owner, total, "
            + "done, queued, regenerated, failed, result, error";

    private final DataSource dataSource;

    @Inject
    public SignatureListStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long saveVersion(SignatureListSet lists, String comment, String createdBy) {
        return insertReturningId("INSERT INTO signature_list_version (sentinels, irrelevant, prefix, line_numbers, "
                + "comment, created_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", ps -> {
            setLists(ps, 1, lists);
            ps.setString(5, comment == null ? "" : comment);
            ps.setString(6, createdBy);
        });
    }

    public Optional<Version> version(long id) {
        return query("SELECT id, sentinels, irrelevant, prefix, line_numbers, comment, created_by, created_at "
                + "FROM signature_list_version WHERE id = ?", ps -> ps.setLong(1, id), SignatureListStore::version).stream().findFirst();
    }

    /** Newest first. */
    public List<Version> versions(int limit) {
        return query("SELECT id, sentinels, irrelevant, prefix, line_numbers, comment, created_by, created_at "
                + "FROM signature_list_version ORDER BY id DESC LIMIT ?", ps -> ps.setInt(1, limit), SignatureListStore::version);
    }

    public void activate(long versionId, String activatedBy, Long runId) {
        update("INSERT INTO signature_list_activation (version_id, activated_by, run_id) VALUES (?, ?, ?)", ps -> {
            ps.setLong(1, versionId);
            ps.setString(2, activatedBy);
            setLong(ps, 3, runId);
        });
    }

    /** The newest activation: the lists in force. Empty: the configured lists. */
    public Optional<Activation> active() {
        return activations(1).stream().findFirst();
    }

    /** Newest first. */
    public List<Activation> activations(int limit) {
        return query("SELECT id, version_id, activated_by, activated_at, run_id FROM signature_list_activation "
                + "ORDER BY id DESC LIMIT ?", ps -> ps.setInt(1, limit), rs -> new Activation(rs.getLong(1), rs.getLong(2),
                rs.getString(3), instant(rs, 4), (Long) rs.getObject(5)));
    }

    public long createRun(Kind kind, int days, SignatureListSet candidate, Long versionId, Long previewRunId,
                          String comment, String requestedBy) {
        return insertReturningId("INSERT INTO signature_rule_run (kind, state, days, sentinels, irrelevant, prefix, "
                + "line_numbers, version_id, preview_run_id, comment, requested_by) VALUES (?, 'QUEUED', ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "RETURNING id", ps -> {
            ps.setString(1, kind.name());
            ps.setInt(2, days);
            setLists(ps, 3, candidate);
            setLong(ps, 7, versionId);
            setLong(ps, 8, previewRunId);
            ps.setString(9, comment == null ? "" : comment);
            ps.setString(10, requestedBy);
        });
    }

    public Optional<Run> run(long id) {
        return query("SELECT " + RUN_COLUMNS + " FROM signature_rule_run WHERE id = ?", ps -> ps.setLong(1, id),
                SignatureListStore::run).stream().findFirst();
    }

    /** Newest first. */
    public List<Run> runs(int limit) {
        return query("SELECT " + RUN_COLUMNS + " FROM signature_rule_run ORDER BY id DESC LIMIT ?",
                ps -> ps.setInt(1, limit), SignatureListStore::run);
    }

    public List<Run> runsIn(State state) {
        return query("SELECT " + RUN_COLUMNS + " FROM signature_rule_run WHERE state = ? ORDER BY id",
                ps -> ps.setString(1, state.name()), SignatureListStore::run);
    }

    /** Takes the oldest queued run for {@code owner}; one instance wins when several ask at once. */
    public Optional<Run> claimQueued(String owner) {
        return query("UPDATE signature_rule_run SET state = 'REPLAYING', owner = ?, started_at = now(), heartbeat_at = now() "
                + "WHERE id = (SELECT id FROM signature_rule_run WHERE state = 'QUEUED' ORDER BY id LIMIT 1 "
                + "FOR UPDATE SKIP LOCKED) RETURNING " + RUN_COLUMNS, ps -> ps.setString(1, owner), SignatureListStore::run)
                .stream().findFirst();
    }

    /** Replays whose instance stopped beating start again from the beginning. */
    public int requeueStale(Duration silence) {
        return update("UPDATE signature_rule_run SET state = 'QUEUED', owner = NULL, done = 0 WHERE state = 'REPLAYING' "
                + "AND heartbeat_at < now() - make_interval(secs => ?)", ps -> ps.setDouble(1, silence.toSeconds()));
    }

    public void progress(long runId, int total, int done) {
        update("UPDATE signature_rule_run SET total = ?, done = ?, heartbeat_at = now() WHERE id = ?", ps -> {
            ps.setInt(1, total);
            ps.setInt(2, done);
            ps.setLong(3, runId);
        });
    }

    public void heartbeat(long runId) {
        update("UPDATE signature_rule_run SET heartbeat_at = now() WHERE id = ?", ps -> ps.setLong(1, runId));
    }

    public void regenerating(long runId, long versionId, int queued) {
        update("UPDATE signature_rule_run SET state = 'REGENERATING', version_id = ?, queued = ?, heartbeat_at = now() "
                + "WHERE id = ?", ps -> {
            ps.setLong(1, versionId);
            ps.setInt(2, queued);
            ps.setLong(3, runId);
        });
    }

    public void regenerated(long runId, int regenerated, int failed) {
        update("UPDATE signature_rule_run SET regenerated = ?, failed = ?, heartbeat_at = now() WHERE id = ?", ps -> {
            ps.setInt(1, regenerated);
            ps.setInt(2, failed);
            ps.setLong(3, runId);
        });
    }

    public void finish(long runId, State state, String result, String error) {
        update("UPDATE signature_rule_run SET state = ?, result = COALESCE(?, result), error = ?, finished_at = now() "
                + "WHERE id = ?", ps -> {
            ps.setString(1, state.name());
            ps.setString(2, result);
            ps.setString(3, error);
            ps.setLong(4, runId);
        });
    }

    /** The replay's result before the run is finished (an apply keeps going after its replay). */
    public void saveResult(long runId, String result) {
        update("UPDATE signature_rule_run SET result = ? WHERE id = ?", ps -> {
            ps.setString(1, result);
            ps.setLong(2, runId);
        });
    }

    public void saveChanges(long runId, List<Change> changes) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM signature_rule_change WHERE run_id = ?");
                 PreparedStatement ps = c.prepareStatement("INSERT INTO signature_rule_change "
                         + "(run_id, crash_id, old_signature, new_signature) VALUES (?, ?, ?, ?)")) {
                del.setLong(1, runId);
                del.executeUpdate();
                int batched = 0;
                for (Change change : changes) {
                    ps.setLong(1, runId);
                    ps.setString(2, change.crashId());
                    ps.setString(3, change.oldSignature());
                    ps.setString(4, change.newSignature());
                    ps.addBatch();
                    if (++batched % 1000 == 0) ps.executeBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new SignatureRulesException("saving the changed crashes failed: " + e.getMessage(), e);
        }
    }

    public List<Change> changes(long runId) {
        return query("SELECT crash_id, old_signature, new_signature FROM signature_rule_change WHERE run_id = ? "
                + "ORDER BY crash_id", ps -> ps.setLong(1, runId), rs -> new Change(rs.getString(1), rs.getString(2),
                rs.getString(3)));
    }

    /**
     * The changed crashes of {@code changesRunId} still waiting in the processing queue (pending or claimed),
     * and those parked there; the others have been processed since they were queued.
     */
    public int[] waitingAndParked(long changesRunId) {
        return query("SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM crash_queue q WHERE q.crash_id = ch.crash_id "
                + "AND q.state IN ('PENDING', 'CLAIMED'))), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM crash_queue q "
                + "WHERE q.crash_id = ch.crash_id AND q.state = 'PARKED')) FROM signature_rule_change ch WHERE ch.run_id = ?",
                ps -> ps.setLong(1, changesRunId), rs -> new int[] {rs.getInt(1), rs.getInt(2)}).get(0);
    }

    private static Version version(ResultSet rs) throws SQLException {
        return new Version(rs.getLong(1), new SignatureListSet(rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5)), rs.getString(6), rs.getString(7), instant(rs, 8));
    }

    private static Run run(ResultSet rs) throws SQLException {
        SignatureListSet candidate = rs.getString(5) == null ? null
                : new SignatureListSet(rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
        return new Run(rs.getLong(1), Kind.valueOf(rs.getString(2)), State.valueOf(rs.getString(3)), rs.getInt(4),
                candidate, (Long) rs.getObject(9), (Long) rs.getObject(10), rs.getString(11), rs.getString(12),
                instant(rs, 13), instant(rs, 14), instant(rs, 15), rs.getString(16), rs.getInt(17), rs.getInt(18),
                rs.getInt(19), rs.getInt(20), rs.getInt(21), rs.getString(22), rs.getString(23));
    }

    private static void setLists(PreparedStatement ps, int first, SignatureListSet lists) throws SQLException {
        ps.setString(first, lists == null ? null : lists.sentinels());
        ps.setString(first + 1, lists == null ? null : lists.irrelevant());
        ps.setString(first + 2, lists == null ? null : lists.prefix());
        ps.setString(first + 3, lists == null ? null : lists.lineNumbers());
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) ps.setNull(index, Types.BIGINT);
        else ps.setLong(index, value);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, Mapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) rows.add(mapper.map(rs));
                return rows;
            }
        } catch (SQLException e) {
            throw new SignatureRulesException("signature list store: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new SignatureRulesException("signature list store: " + e.getMessage(), e);
        }
    }

    private long insertReturningId(String sql, Binder binder) {
        return query(sql, binder, rs -> rs.getLong(1)).get(0);
    }
}
