package io.breakwater.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The audit trail (table {@code audit_log}): every read of protected data and every change to accounts,
 * groups and tokens, with who, what, when and from where. Admins read it on the audit page.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int MAX_TEXT = 2000;

    /** Action names: protected data reads start with {@code data.}, administrative changes do not. */
    public static final String VIEW_PROCESSED = "data.view_processed_crash";
    public static final String VIEW_RAW = "data.view_raw_crash";
    public static final String DOWNLOAD_DUMP = "data.download_dump";
    public static final String VIEW_REPORT = "data.view_report";
    public static final String SEARCH_PROTECTED = "data.search_protected";
    public static final String CUSTOM_QUERY = "data.custom_query";

    public record Entry(long id, Instant at, String actor, Long accountId, Long tokenId, String action,
                        String target, String details, String clientAddress) {
    }

    private final DataSource dataSource;
    private final Supplier<String> clientAddress;

    @Inject
    public AuditLog(DataSource dataSource, RequestOrigins origins) {
        this(dataSource, origins::currentClientAddress);
    }

    /** Without CDI (the command line): {@code clientAddress} says where changes come from. */
    public AuditLog(DataSource dataSource, Supplier<String> clientAddress) {
        this.dataSource = dataSource;
        this.clientAddress = clientAddress;
    }

    /**
     * Records one event. A failure to write is logged, never thrown: the caller already holds what they
     * asked for, and refusing a page because the trail is down would not un-show it.
     */
    public void record(Caller caller, String action, String target, String details) {
        String where = safeClientAddress();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log "
                     + "(actor, account_id, token_id, action, target, details, client_address) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, caller.describe());
            ps.setObject(2, caller.accountId());
            ps.setObject(3, caller.tokenId());
            ps.setString(4, action);
            ps.setString(5, bounded(target));
            ps.setString(6, bounded(details));
            ps.setString(7, where);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.errorf("audit trail not written (%s by %s on %s from %s): %s", action, caller.describe(), target,
                    where, e.getMessage());
        }
    }

    /** The newest entries first; {@code actionPrefix} (optional) narrows to e.g. {@code data.}. */
    public List<Entry> recent(int limit, int offset, String actionPrefix) {
        String sql = "SELECT id, at, actor, account_id, token_id, action, target, details, client_address FROM audit_log"
                + (actionPrefix == null || actionPrefix.isBlank() ? "" : " WHERE action LIKE ?")
                + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (actionPrefix != null && !actionPrefix.isBlank()) {
                ps.setString(i++, actionPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            ps.setInt(i++, limit);
            ps.setInt(i, offset);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            (Long) rs.getObject(4), (Long) rs.getObject(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("audit trail unreadable: " + e.getMessage(), e);
        }
    }

    private String safeClientAddress() {
        try {
            String address = clientAddress.get();
            return address == null ? "" : address;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String bounded(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    }
}
