package io.breakwater.queue;

import io.vertx.core.eventbus.EventBus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Durable crash queue in PostgreSQL (table {@code crash_queue}). Workers claim with
 * {@code FOR UPDATE SKIP LOCKED} and a lease; a claim whose worker died becomes claimable again when
 * its lease expires. Every claim counts as an attempt (so a crash that kills its worker is not retried
 * forever); {@link #release} gives one back. Items out of attempts are PARKED with their last error.
 */
@ApplicationScoped
public class CrashQueue {

    private static final Logger LOG = Logger.getLogger(CrashQueue.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_ERROR_CHARS = 8000;
    /** Crashes per group-commit transaction at most; more wait for the next one. */
    private static final int MAX_GROUP_COMMIT = 500;
    private static final String COLUMNS =
            "id, crash_id, lane, ruleset, state, attempts, available_at, lease_owner, claim_token, last_error, enqueued_at";

    private final DataSource dataSource;
    private final int maxAttempts;
    private final Consumer<Lane> wakeUp;
    private final GroupCommit<Entry, Boolean> groupCommit = new GroupCommit<>(MAX_GROUP_COMMIT, this::insert);

    @Inject
    public CrashQueue(DataSource dataSource, QueueConfig config, EventBus eventBus) {
        this(dataSource, config.maxAttempts(), lane -> eventBus.publish(QueueEvents.WAKE_UP, lane.name()));
    }

    /** For use without CDI: {@code wakeUp} is told about each lane that got new work. */
    public CrashQueue(DataSource dataSource, int maxAttempts, Consumer<Lane> wakeUp) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.dataSource = dataSource;
        this.maxAttempts = maxAttempts;
        this.wakeUp = wakeUp;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Queues a crash; true when a new item was created, false when one is already pending for that lane. */
    public boolean enqueue(String crashId, Lane lane) {
        return enqueue(crashId, lane, null);
    }

    /**
     * Queues one crash. Concurrent calls are committed together in one transaction (group commit); this
     * returns only once the transaction holding this crash has committed, and throws when it failed.
     */
    public boolean enqueue(String crashId, Lane lane, String ruleset) {
        checkRuleset(ruleset);
        return groupCommit.submit(new Entry(crashId, lane, ruleset));
    }

    /** Queues several crashes in one transaction; returns how many new items were created. */
    public int enqueueAll(Collection<String> crashIds, Lane lane, String ruleset) {
        checkRuleset(ruleset);
        List<Entry> entries = crashIds.stream().map(id -> new Entry(crashId(id), lane, ruleset)).toList();
        return (int) insert(entries).stream().filter(Boolean::booleanValue).count();
    }

    private record Entry(String crashId, Lane lane, String ruleset) {
        /** What the pending-once index compares. */
        String key() {
            return lane.name() + "/" + crashId;
        }
    }

    private static String crashId(String id) {
        if (id == null) {
            throw new IllegalArgumentException("crash id must not be null");
        }
        return id;
    }

    private static void checkRuleset(String ruleset) {
        if (ruleset != null && (ruleset.isBlank() || ruleset.length() > 64)) {
            throw new IllegalArgumentException("ruleset name must be 1-64 characters");
        }
    }

    /**
     * One statement, so one transaction and one WAL flush for the whole batch. Answers, per entry,
     * whether it created an item; a repeat of an entry earlier in the batch counts as not created.
     */
    private List<Boolean> insert(List<Entry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        String sql = "INSERT INTO crash_queue (crash_id, lane, ruleset)"
                + " SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[])"
                + " ON CONFLICT (crash_id, lane) WHERE state = 'PENDING' DO NOTHING RETURNING crash_id, lane";
        Set<String> created = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("varchar", entries.stream().map(Entry::crashId).toArray()));
            ps.setArray(2, c.createArrayOf("varchar", entries.stream().map(e -> e.lane().name()).toArray()));
            ps.setArray(3, c.createArrayOf("varchar", entries.stream().map(Entry::ruleset).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    created.add(rs.getString(2) + "/" + rs.getString(1));
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new QueueException("enqueue failed: " + e.getMessage(), e);
        }
        List<Boolean> answers = new ArrayList<>(entries.size());
        Set<Lane> woken = EnumSet.noneOf(Lane.class);
        for (Entry entry : entries) {
            // remove: only the first of repeated entries is the one that created the item.
            boolean isNew = created.remove(entry.key());
            answers.add(isNew);
            if (isNew) {
                woken.add(entry.lane());
            }
        }
        woken.forEach(this::notifyConsumers);
        return answers;
    }

    private void notifyConsumers(Lane lane) {
        try {
            wakeUp.accept(lane);
        } catch (RuntimeException e) {
            // Consumers also poll; a lost wake-up only delays them.
            LOG.debugf(e, "queue wake-up for %s not delivered", lane);
        }
    }

    /** Claims up to {@code max} items, PRIORITY first, then STANDARD, then REPROCESSING. */
    public List<QueueItem> claim(String workerId, int max, Duration lease) {
        return claim(workerId, max, lease, List.of(Lane.values()));
    }

    /** Claims up to {@code max} items from the given lanes, in the order given. */
    public List<QueueItem> claim(String workerId, int max, Duration lease, List<Lane> lanes) {
        if (max <= 0) {
            return List.of();
        }
        String sql = "WITH picked AS ("
                + " SELECT id FROM crash_queue"
                + " WHERE lane = ? AND state IN ('PENDING', 'CLAIMED') AND available_at <= now() AND attempts < ?"
                + " ORDER BY available_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " UPDATE crash_queue q SET state = 'CLAIMED', lease_owner = ?, claim_token = gen_random_uuid(),"
                + " attempts = q.attempts + 1, available_at = now() + make_interval(secs => ?), updated_at = now()"
                + " FROM picked WHERE q.id = picked.id"
                + " RETURNING q.id, q.crash_id, q.lane, q.ruleset, q.state, q.attempts, q.available_at,"
                + " q.lease_owner, q.claim_token, q.last_error, q.enqueued_at";
        List<QueueItem> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                parkAbandonedFinalAttempts(c);
                for (Lane lane : lanes) {
                    int wanted = max - claimed.size();
                    if (wanted <= 0) {
                        break;
                    }
                    List<QueueItem> batch = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(1, lane.name());
                        ps.setInt(2, maxAttempts);
                        ps.setInt(3, wanted);
                        ps.setString(4, workerId);
                        ps.setDouble(5, seconds(lease));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                batch.add(read(rs));
                            }
                        }
                    }
                    // RETURNING has no order; keep the queue's (oldest first).
                    batch.sort((a, b) -> a.id() < b.id() ? -1 : a.id() == b.id() ? 0 : 1);
                    claimed.addAll(batch);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new QueueException("claim failed: " + e.getMessage(), e);
        }
        return claimed;
    }

    /** A worker died holding the last allowed attempt: park instead of leaving the item stuck. */
    private void parkAbandonedFinalAttempts(Connection c) throws SQLException {
        String sql = "UPDATE crash_queue SET state = 'PARKED', lease_owner = NULL, claim_token = NULL,"
                + " last_error = 'lease of ' || coalesce(lease_owner, '?') || ' expired on attempt ' || attempts"
                + " || coalesce('; previous error: ' || last_error, ''), updated_at = now()"
                + " WHERE state = 'CLAIMED' AND available_at <= now() AND attempts >= ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, maxAttempts);
            int parked = ps.executeUpdate();
            if (parked > 0) {
                LOG.warnf("parked %d queue item(s) whose worker stopped during the final attempt", parked);
            }
        }
    }

    /** Done: removes the item. False when the claim is no longer ours. */
    public boolean complete(QueueItem claimed) {
        return update("DELETE FROM crash_queue WHERE id = ? AND claim_token = ?",
                ps -> {
                    ps.setLong(1, claimed.id());
                    ps.setObject(2, claimed.claimToken());
                }) == 1;
    }

    /**
     * Completes many claims in one statement (one transaction, one WAL flush).
     *
     * @return the items that were completed; the others' claims were no longer ours
     */
    public List<QueueItem> completeAll(List<QueueItem> claimed) {
        if (claimed.isEmpty()) {
            return List.of();
        }
        String sql = "DELETE FROM crash_queue q USING unnest(?::bigint[], ?::uuid[]) AS d(id, token)"
                + " WHERE q.id = d.id AND q.claim_token = d.token RETURNING q.id";
        Set<Long> deleted = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", claimed.stream().map(QueueItem::id).toArray()));
            ps.setArray(2, c.createArrayOf("uuid", claimed.stream().map(QueueItem::claimToken).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    deleted.add(rs.getLong(1));
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new QueueException("queue completion failed: " + e.getMessage(), e);
        }
        return claimed.stream().filter(item -> deleted.contains(item.id())).toList();
    }

    /** Keeps working on a claim for longer; false when the claim is no longer ours. */
    public boolean extendLease(QueueItem claimed, Duration lease) {
        return update("UPDATE crash_queue SET available_at = now() + make_interval(secs => ?), updated_at = now()"
                        + " WHERE id = ? AND claim_token = ? AND state = 'CLAIMED'",
                ps -> {
                    ps.setDouble(1, seconds(lease));
                    ps.setLong(2, claimed.id());
                    ps.setObject(3, claimed.claimToken());
                }) == 1;
    }

    /**
     * Records a failed attempt: the item becomes claimable again after {@code retryDelay}, or is PARKED
     * with {@code error} once it has used {@code maxAttempts} claims.
     */
    public FailOutcome fail(QueueItem claimed, String error, Duration retryDelay) {
        String sql = "UPDATE crash_queue SET"
                + " state = CASE WHEN attempts >= ? THEN 'PARKED' ELSE 'PENDING' END,"
                + " available_at = now() + make_interval(secs => ?),"
                + " last_error = ?, lease_owner = NULL, claim_token = NULL, updated_at = now()"
                + " WHERE id = ? AND claim_token = ? RETURNING state";
        String message = truncate(error);
        try {
            Optional<String> state = queryState(sql, ps -> {
                ps.setInt(1, maxAttempts);
                ps.setDouble(2, seconds(retryDelay));
                ps.setString(3, message);
                ps.setLong(4, claimed.id());
                ps.setObject(5, claimed.claimToken());
            });
            if (state.isEmpty()) {
                return FailOutcome.LEASE_LOST;
            }
            if (state.get().equals("PARKED")) {
                LOG.warnf("parked crash %s (%s) after %d attempts: %s", claimed.crashId(), claimed.lane(),
                        claimed.attempts(), message);
                return FailOutcome.PARKED;
            }
            return FailOutcome.RETRY_SCHEDULED;
        } catch (DuplicatePendingException e) {
            return dropInFavourOfPending(claimed) ? FailOutcome.MERGED : FailOutcome.LEASE_LOST;
        }
    }

    /** Gives a claim back without counting it as an attempt (e.g. on shutdown). */
    public boolean release(QueueItem claimed) {
        String sql = "UPDATE crash_queue SET state = 'PENDING', attempts = greatest(attempts - 1, 0),"
                + " available_at = now(), lease_owner = NULL, claim_token = NULL, updated_at = now()"
                + " WHERE id = ? AND claim_token = ? RETURNING state";
        try {
            boolean released = queryState(sql, ps -> {
                ps.setLong(1, claimed.id());
                ps.setObject(2, claimed.claimToken());
            }).isPresent();
            if (released) {
                notifyConsumers(claimed.lane());
            }
            return released;
        } catch (DuplicatePendingException e) {
            return dropInFavourOfPending(claimed);
        }
    }

    /** Parks a claimed item with a reason; it stays visible in {@link #listParked} and blocks nothing. */
    public boolean park(QueueItem claimed, String reason) {
        return update("UPDATE crash_queue SET state = 'PARKED', last_error = ?, lease_owner = NULL,"
                        + " claim_token = NULL, updated_at = now() WHERE id = ? AND claim_token = ?",
                ps -> {
                    ps.setString(1, truncate(reason));
                    ps.setLong(2, claimed.id());
                    ps.setObject(3, claimed.claimToken());
                }) == 1;
    }

    /** Puts a parked item back in its lane with a fresh attempt count. */
    public boolean unpark(long itemId) {
        String sql = "UPDATE crash_queue SET state = 'PENDING', attempts = 0, available_at = now(),"
                + " updated_at = now() WHERE id = ? AND state = 'PARKED' RETURNING lane";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, itemId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                notifyConsumers(Lane.valueOf(rs.getString(1)));
                return true;
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // Already pending in that lane: the parked copy is redundant.
                update("DELETE FROM crash_queue WHERE id = ? AND state = 'PARKED'", ps -> ps.setLong(1, itemId));
                return true;
            }
            throw new QueueException("unpark failed: " + e.getMessage(), e);
        }
    }

    /**
     * Tidies leases whose worker is gone: claims past their lease go back to PENDING (where no other
     * pending item of the crash and lane exists; that one will do) or, on their final attempt, are parked.
     * Claiming treats such items as claimable anyway; this makes the counts say so.
     *
     * @return how many items were released or parked
     */
    public int recoverExpiredLeases() {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int parkedBefore = count(c, "SELECT count(*) FROM crash_queue WHERE state = 'PARKED'");
                parkAbandonedFinalAttempts(c);
                int parked = count(c, "SELECT count(*) FROM crash_queue WHERE state = 'PARKED'") - parkedBefore;
                int released;
                try (PreparedStatement ps = c.prepareStatement("UPDATE crash_queue q SET state = 'PENDING', "
                        + "lease_owner = NULL, claim_token = NULL, updated_at = now() "
                        + "WHERE q.state = 'CLAIMED' AND q.available_at <= now() AND NOT EXISTS ("
                        + "SELECT 1 FROM crash_queue p WHERE p.crash_id = q.crash_id AND p.lane = q.lane "
                        + "AND p.state = 'PENDING')")) {
                    released = ps.executeUpdate();
                }
                c.commit();
                return released + parked;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new QueueException("lease recovery failed: " + e.getMessage(), e);
        }
    }

    /** Removes every queue item of a crash (it was deleted). */
    public int deleteByCrashId(String crashId) {
        return update("DELETE FROM crash_queue WHERE crash_id = ?", ps -> ps.setString(1, crashId));
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    public QueueCounts counts() {
        QueueCounts counts = QueueCounts.empty();
        String sql = "SELECT lane, state, count(*) FROM crash_queue GROUP BY lane, state";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.counts().get(Lane.valueOf(rs.getString(1))).put(QueueState.valueOf(rs.getString(2)), rs.getLong(3));
            }
        } catch (SQLException e) {
            throw new QueueException("counting failed: " + e.getMessage(), e);
        }
        return counts;
    }

    /** Parked items, most recently parked first. */
    public List<QueueItem> listParked(int limit) {
        return select("SELECT " + COLUMNS + " FROM crash_queue WHERE state = 'PARKED' ORDER BY updated_at DESC, id DESC LIMIT ?",
                ps -> ps.setInt(1, limit));
    }

    /** Every queue item of one crash (any lane and state). */
    public List<QueueItem> findByCrashId(String crashId) {
        return select("SELECT " + COLUMNS + " FROM crash_queue WHERE crash_id = ? ORDER BY id",
                ps -> ps.setString(1, crashId));
    }

    public Optional<QueueItem> find(long itemId) {
        return select("SELECT " + COLUMNS + " FROM crash_queue WHERE id = ?", ps -> ps.setLong(1, itemId))
                .stream().findFirst();
    }

    /** Quick database round trip for health checks. */
    public boolean ping() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private boolean dropInFavourOfPending(QueueItem claimed) {
        return update("DELETE FROM crash_queue WHERE id = ? AND claim_token = ?", ps -> {
            ps.setLong(1, claimed.id());
            ps.setObject(2, claimed.claimToken());
        }) == 1;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static final class DuplicatePendingException extends Exception {
        DuplicatePendingException(SQLException cause) {
            super(cause);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new QueueException("queue update failed: " + e.getMessage(), e);
        }
    }

    private Optional<String> queryState(String sql, Binder binder) throws DuplicatePendingException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new DuplicatePendingException(e);
            }
            throw new QueueException("queue update failed: " + e.getMessage(), e);
        }
    }

    private List<QueueItem> select(String sql, Binder binder) {
        List<QueueItem> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new QueueException("queue query failed: " + e.getMessage(), e);
        }
        return items;
    }

    private static QueueItem read(ResultSet rs) throws SQLException {
        Timestamp available = rs.getTimestamp(7);
        Timestamp enqueued = rs.getTimestamp(11);
        return new QueueItem(
                rs.getLong(1),
                rs.getString(2),
                Lane.valueOf(rs.getString(3)),
                rs.getString(4),
                QueueState.valueOf(rs.getString(5)),
                rs.getInt(6),
                available == null ? null : available.toInstant(),
                rs.getString(8),
                rs.getObject(9, UUID.class),
                rs.getString(10),
                enqueued == null ? null : enqueued.toInstant());
    }

    private static double seconds(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        return d.toNanos() / 1e9;
    }

    private static String truncate(String error) {
        if (error == null) {
            return "(no error message)";
        }
        return error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS) + "…";
    }
}
