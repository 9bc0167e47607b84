package io.breakwater.auth;

import io.breakwater.access.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Browser sessions (table {@code web_session}). The cookie holds a random secret and the table its
 * SHA-256, so a copy of the database signs nobody in. A session ends at logout, at its absolute expiry, or
 * after being idle for too long; it is checked, with its account's current permissions, at every request.
 */
@ApplicationScoped
public class SessionStore {

    static final Duration LAST_SEEN_RESOLUTION = Duration.ofSeconds(60);
    private static final int MAX_USER_AGENT = 300;

    private final Sql sql;

    @Inject
    public SessionStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public record NewSession(String cookieValue, String csrfToken, Instant expiresAt) {
    }

    public record ActiveSession(long sessionId, long accountId, String email, Set<Permission> permissions,
                                String csrfToken) {
    }

    public NewSession create(long accountId, Duration maxAge, String clientAddress, String userAgent) {
        String secret = Secrets.newOpaque();
        String csrf = Secrets.newOpaque();
        Instant expires = Instant.now().plus(maxAge);
        sql.update("INSERT INTO web_session (account_id, session_hash, csrf_token, expires_at, client_address, user_agent) "
                + "VALUES (?, ?, ?, ?, ?, ?)", ps -> {
            ps.setLong(1, accountId);
            ps.setBytes(2, Secrets.sha256(secret));
            ps.setString(3, csrf);
            ps.setTimestamp(4, Sql.timestamp(expires));
            ps.setString(5, clientAddress == null ? "" : clientAddress);
            ps.setString(6, userAgent == null ? "" : userAgent.length() > MAX_USER_AGENT
                    ? userAgent.substring(0, MAX_USER_AGENT) : userAgent);
        });
        return new NewSession(secret, csrf, expires);
    }

    /** The live session behind a cookie value, with its account's permissions now. */
    public Optional<ActiveSession> check(String cookieValue, Instant now, Duration idleTimeout) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        return sql.run(c -> {
            List<Object[]> rows = Sql.list(c, "SELECT s.id, s.account_id, a.email, a.active, s.csrf_token, "
                            + "s.expires_at, s.last_seen_at FROM web_session s JOIN account a ON a.id = s.account_id "
                            + "WHERE s.session_hash = ?", ps -> ps.setBytes(1, Secrets.sha256(cookieValue)),
                    rs -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4),
                            rs.getString(5), Sql.instant(rs, "expires_at"), Sql.instant(rs, "last_seen_at")});
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Object[] row = rows.getFirst();
            long sessionId = (Long) row[0];
            Instant lastSeen = (Instant) row[6];
            boolean live = (Boolean) row[3] && ((Instant) row[5]).isAfter(now)
                    && lastSeen.plus(idleTimeout).isAfter(now);
            if (!live) {
                Sql.update(c, "DELETE FROM web_session WHERE id = ?", ps -> ps.setLong(1, sessionId));
                return Optional.empty();
            }
            if (lastSeen.isBefore(now.minus(LAST_SEEN_RESOLUTION))) {
                Sql.update(c, "UPDATE web_session SET last_seen_at = ? WHERE id = ?", ps -> {
                    ps.setTimestamp(1, Sql.timestamp(now));
                    ps.setLong(2, sessionId);
                });
            }
            long accountId = (Long) row[1];
            return Optional.of(new ActiveSession(sessionId, accountId, (String) row[2],
                    AccountStore.permissions(c, accountId), (String) row[4]));
        });
    }

    /** Logout: the session behind this cookie value ends. */
    public boolean end(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty()) {
            return false;
        }
        return sql.update("DELETE FROM web_session WHERE session_hash = ?",
                ps -> ps.setBytes(1, Secrets.sha256(cookieValue))) == 1;
    }

    /** Signs an account out everywhere (password change, deactivation). */
    public int endAllFor(long accountId) {
        return sql.update("DELETE FROM web_session WHERE account_id = ?", ps -> ps.setLong(1, accountId));
    }

    /** Signs an account out everywhere but in the session behind {@code keepCookieValue}. */
    public int endAllOthers(long accountId, String keepCookieValue) {
        return sql.update("DELETE FROM web_session WHERE account_id = ? AND session_hash <> ?", ps -> {
            ps.setLong(1, accountId);
            ps.setBytes(2, Secrets.sha256(keepCookieValue == null ? "" : keepCookieValue));
        });
    }

    /** Deletes sessions past their expiry or idle for longer than {@code idleTimeout}. */
    public int purgeExpired(Instant now, Duration idleTimeout) {
        return sql.update("DELETE FROM web_session WHERE expires_at <= ? OR last_seen_at <= ?", ps -> {
            ps.setTimestamp(1, Sql.timestamp(now));
            ps.setTimestamp(2, Sql.timestamp(now.minus(idleTimeout)));
        });
    }

    public int countFor(long accountId) {
        return sql.one("SELECT count(*) FROM web_session WHERE account_id = ?", ps -> ps.setLong(1, accountId),
                rs -> rs.getInt(1)).orElse(0);
    }
}
