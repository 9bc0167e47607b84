package io.breakwater.triage;

import io.breakwater.signature.VersionOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;

/** The tables {@code signature_status} and {@code signature_status_history}. */
@ApplicationScoped
public class SignatureStatusStore {

    /** Signatures per {@link #findAll} call (Top Crashers asks for at most a few hundred). */
    public static final int MAX_LOOKUP = 1000;

    private static final String COLUMNS = "signature, status, fixed_version, assignee, note, bug_links, regression, "
            + "regressed_version, regressed_crash_id, regressed_at, updated_at, updated_by";

    private final DataSource dataSource;

    @Inject
    public SignatureStatusStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The status of {@code signature}; "new" when nobody has set one. */
    public SignatureStatus find(String signature) {
        return findAll(List.of(signature)).getOrDefault(signature, SignatureStatus.untriaged(signature));
    }

    /** The signatures among {@code signatures} that have a status row. */
    public Map<String, SignatureStatus> findAll(Collection<String> signatures) {
        Map<String, SignatureStatus> out = new HashMap<>();
        if (signatures.isEmpty()) return out;
        if (signatures.size() > MAX_LOOKUP) throw new IllegalArgumentException("at most " + MAX_LOOKUP + " signatures");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM signature_status WHERE signature = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", signatures.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SignatureStatus s = row(rs);
                    out.put(s.signature(), s);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read signature statuses: " + e.getMessage(), e);
        }
        return out;
    }

    /** How many signatures are ignored (Top Crashers looks that much deeper when it hides them). */
    public int ignoredCount() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM signature_status WHERE status = 'ignored'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return (int) Math.min(Integer.MAX_VALUE, rs.getLong(1));
        } catch (SQLException e) {
            throw new IllegalStateException("could not count ignored signatures: " + e.getMessage(), e);
        }
    }

    /** A status before and after a change. */
    public record Changed(SignatureStatus before, SignatureStatus after) {
    }

    /**
     * Applies {@code change} and records it in the history, atomically; returns the status before and after.
     * A new status or fixed-in version clears the regression flag: the regression is about the old fix.
     */
    public Changed change(String signature, StatusChange change, String actor) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                SignatureStatus before = SignatureStatus.untriaged(signature);
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM signature_status WHERE signature = ? FOR UPDATE")) {
                    ps.setString(1, signature);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) before = row(rs);
                    }
                }
                boolean sameFix = before.status() == change.status()
                        && Objects.equals(before.fixedVersion(), change.fixedVersion());
                boolean regression = sameFix && before.regression();
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO signature_status AS s (signature, status, fixed_version, assignee, note, bug_links,
                            regression, regressed_version, regressed_crash_id, regressed_at, updated_at, updated_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)
                        ON CONFLICT (signature) DO UPDATE SET status = EXCLUDED.status,
                            fixed_version = EXCLUDED.fixed_version, assignee = EXCLUDED.assignee, note = EXCLUDED.note,
                            bug_links = EXCLUDED.bug_links, regression = EXCLUDED.regression,
                            regressed_version = EXCLUDED.regressed_version,
                            regressed_crash_id = EXCLUDED.regressed_crash_id, regressed_at = EXCLUDED.regressed_at,
                            updated_at = now(), updated_by = EXCLUDED.updated_by
                        """)) {
                    ps.setString(1, signature);
                    ps.setString(2, change.status().code());
                    ps.setString(3, change.fixedVersion());
                    ps.setString(4, change.assignee());
                    ps.setString(5, change.note() != null ? change.note() : before.note());
                    ps.setArray(6, c.createArrayOf("text", change.bugLinks().toArray()));
                    ps.setBoolean(7, regression);
                    ps.setString(8, regression ? before.regressedVersion() : null);
                    ps.setString(9, regression ? before.regressedCrashId() : null);
                    ps.setObject(10, regression && before.regressedAt() != null
                            ? OffsetDateTime.ofInstant(before.regressedAt(), ZoneOffset.UTC) : null);
                    ps.setString(11, actor);
                    ps.executeUpdate();
                }
                history(c, signature, actor, HistoryEntry.Event.STATUS, before.status().code(), change.status().code(),
                        change.fixedVersion(), null, null, change.note());
                SignatureStatus after;
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM signature_status WHERE signature = ?")) {
                    ps.setString(1, signature);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        after = row(rs);
                    }
                }
                c.commit();
                return new Changed(before, after);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not change the signature status: " + e.getMessage(), e);
        }
    }

    /**
     * Flags {@code signature} as regressed when it is marked fixed in a version at most {@code version} and
     * not flagged yet; records the regression once. Returns whether it flagged.
     */
    public boolean flagRegression(String signature, String version, String crashId) {
        try (Connection c = dataSource.getConnection()) {
            // The common case (no fixed status) is one index lookup and no transaction.
            String fixed;
            try (PreparedStatement ps = c.prepareStatement("SELECT fixed_version FROM signature_status "
                    + "WHERE signature = ? AND status = 'fixed' AND NOT regression")) {
                ps.setString(1, signature);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return false;
                    fixed = rs.getString(1);
                }
            }
            if (!VersionOrder.atLeast(version, fixed)) return false;
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int updated;
                // Conditional on the same fix, so a status changed meanwhile, or a concurrent flag, wins.
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE signature_status SET regression = true, regressed_version = ?, regressed_crash_id = ?,
                            regressed_at = now()
                        WHERE signature = ? AND status = 'fixed' AND fixed_version = ? AND NOT regression
                        """)) {
                    ps.setString(1, version);
                    ps.setString(2, crashId);
                    ps.setString(3, signature);
                    ps.setString(4, fixed);
                    updated = ps.executeUpdate();
                }
                if (updated == 1) {
                    history(c, signature, "processor", HistoryEntry.Event.REGRESSION, "fixed", "fixed", fixed, version,
                            crashId, null);
                }
                c.commit();
                return updated == 1;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check for a regression: " + e.getMessage(), e);
        }
    }

    /** The signature's history, oldest first, at most {@code limit} newest entries. */
    public List<HistoryEntry> history(String signature, int limit) {
        List<HistoryEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT at, actor, event, from_status, to_status, fixed_version, version, crash_id, note FROM (
                         SELECT * FROM signature_status_history WHERE signature = ? ORDER BY at DESC, id DESC LIMIT ?
                     ) h ORDER BY at, id
                     """)) {
            ps.setString(1, signature);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HistoryEntry(instant(rs, 1), rs.getString(2),
                            HistoryEntry.Event.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the signature history: " + e.getMessage(), e);
        }
        return out;
    }

    private static void history(Connection c, String signature, String actor, HistoryEntry.Event event, String from,
                                String to, String fixedVersion, String version, String crashId, String note)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO signature_status_history (signature, actor, event, "
                + "from_status, to_status, fixed_version, version, crash_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, signature);
            ps.setString(2, actor);
            ps.setString(3, event.name().toLowerCase(Locale.ROOT));
            ps.setString(4, from);
            ps.setString(5, to);
            ps.setString(6, fixedVersion);
            ps.setString(7, version);
            ps.setString(8, crashId);
            ps.setString(9, note);
            ps.executeUpdate();
        }
    }

    private static SignatureStatus row(ResultSet rs) throws SQLException {
        String[] links = (String[]) rs.getArray(6).getArray();
        return new SignatureStatus(rs.getString(1),
                SignatureStatus.Status.byCode(rs.getString(2)).orElse(SignatureStatus.Status.OPEN),
                rs.getString(3), rs.getString(4), rs.getString(5), Arrays.asList(links), rs.getBoolean(7),
                rs.getString(8), rs.getString(9), instant(rs, 10), instant(rs, 11), rs.getString(12));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
