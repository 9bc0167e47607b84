package io.breakwater.auth;

import io.breakwater.access.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * API tokens (table {@code api_token}): only a SHA-256 of each secret is stored. A token is valid while it
 * is neither revoked nor expired and its owner is active; it then holds the permissions it was given that
 * its owner still holds, so taking a permission from a user takes it from all their tokens at once.
 */
@ApplicationScoped
public class TokenStore {

    public static final int MAX_NOTE = 500;
    /** last_used_at is written at most this often per token. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofSeconds(60);
    private static final int HINT_CHARS = 8;

    private static final String COLUMNS = "t.id, t.account_id, a.email, t.token_hint, t.note, t.permissions, "
            + "t.created_at, t.expires_at, t.last_used_at, t.revoked_at";

    private final Sql sql;

    @Inject
    public TokenStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** A token just created: {@code secret} is shown to its owner once and never again. */
    public record NewToken(String secret, ApiToken token) {
    }

    /** The outcome of presenting a token. */
    public sealed interface Check permits Valid, Invalid {
    }

    public record Valid(long tokenId, long accountId, String email, Set<Permission> permissions) implements Check {
    }

    public record Invalid(String reason) implements Check {
    }

    /**
     * Creates a token for {@code accountId} holding {@code permissions}, which must be among the owner's
     * own; {@code expiresAt} must be in the future.
     */
    public NewToken create(long accountId, Set<Permission> permissions, String note, Instant expiresAt) {
        if (expiresAt == null || !expiresAt.isAfter(Instant.now())) {
            throw new IllegalArgumentException("a token's expiry must be in the future");
        }
        String cleanNote = note == null ? "" : note.strip();
        if (cleanNote.length() > MAX_NOTE) {
            throw new IllegalArgumentException("a token's note must be at most " + MAX_NOTE + " characters");
        }
        String secret = Secrets.newApiToken();
        long id = sql.transaction(c -> {
            Set<Permission> owned = AccountStore.permissions(c, accountId);
            Set<Permission> missing = EnumSet.noneOf(Permission.class);
            missing.addAll(permissions);
            missing.removeAll(owned);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("a token can only hold permissions its owner has; missing: "
                        + missing.stream().map(Permission::code).collect(Collectors.joining(", ")));
            }
            return Sql.list(c, "INSERT INTO api_token (account_id, token_hash, token_hint, note, permissions, expires_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?) RETURNING id", ps -> {
                ps.setLong(1, accountId);
                ps.setBytes(2, Secrets.sha256(secret));
                ps.setString(3, secret.substring(0, HINT_CHARS));
                ps.setString(4, cleanNote);
                ps.setArray(5, c.createArrayOf("text", permissions.stream().map(Permission::code).sorted().toArray()));
                ps.setTimestamp(6, Sql.timestamp(expiresAt));
            }, rs -> rs.getLong(1)).getFirst();
        });
        return new NewToken(secret, find(id).orElseThrow());
    }

    public Optional<ApiToken> find(long id) {
        return sql.one("SELECT " + COLUMNS + " FROM api_token t JOIN account a ON a.id = t.account_id WHERE t.id = ?",
                ps -> ps.setLong(1, id), TokenStore::token);
    }

    public List<ApiToken> listFor(long accountId) {
        return sql.list("SELECT " + COLUMNS + " FROM api_token t JOIN account a ON a.id = t.account_id "
                + "WHERE t.account_id = ? ORDER BY t.created_at DESC, t.id DESC", ps -> ps.setLong(1, accountId),
                TokenStore::token);
    }

    public List<ApiToken> listAll() {
        return sql.list("SELECT " + COLUMNS + " FROM api_token t JOIN account a ON a.id = t.account_id "
                + "ORDER BY t.created_at DESC, t.id DESC", Sql.none(), TokenStore::token);
    }

    /** Revokes a token; with {@code ownerId} only if that account owns it. True when it was active. */
    public boolean revoke(long tokenId, Long ownerId) {
        return sql.update("UPDATE api_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL"
                + (ownerId == null ? "" : " AND account_id = ?"), ps -> {
            ps.setLong(1, tokenId);
            if (ownerId != null) {
                ps.setLong(2, ownerId);
            }
        }) == 1;
    }

    /** Looks up a presented secret and records its use. */
    public Check check(String secret, Instant now) {
        if (!Secrets.looksLikeApiToken(secret)) {
            return new Invalid("the Auth-Token header does not hold a Breakwater API token");
        }
        return sql.run(c -> {
            List<Object[]> rows = Sql.list(c, "SELECT t.id, t.account_id, a.email, a.active, t.permissions, "
                            + "t.expires_at, t.revoked_at, t.last_used_at FROM api_token t "
                            + "JOIN account a ON a.id = t.account_id WHERE t.token_hash = ?",
                    ps -> ps.setBytes(1, Secrets.sha256(secret)),
                    rs -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4),
                            Permission.fromCodes(Sql.strings(rs, "permissions")), Sql.instant(rs, "expires_at"),
                            Sql.instant(rs, "revoked_at"), Sql.instant(rs, "last_used_at")});
            if (rows.isEmpty()) {
                return new Invalid("unknown API token");
            }
            Object[] row = rows.getFirst();
            long tokenId = (Long) row[0];
            long accountId = (Long) row[1];
            if (row[6] != null) {
                return new Invalid("this API token was revoked");
            }
            if (!((Instant) row[5]).isAfter(now)) {
                return new Invalid("this API token expired on " + row[5]);
            }
            if (!(Boolean) row[3]) {
                return new Invalid("the owner of this API token is deactivated");
            }
            @SuppressWarnings("unchecked")
            Set<Permission> effective = EnumSet.noneOf(Permission.class);
            effective.addAll((Set<Permission>) row[4]);
            effective.retainAll(AccountStore.permissions(c, accountId));
            Instant lastUsed = (Instant) row[7];
            if (lastUsed == null || lastUsed.isBefore(now.minus(LAST_USED_RESOLUTION))) {
                Sql.update(c, "UPDATE api_token SET last_used_at = ? WHERE id = ?", ps -> {
                    ps.setTimestamp(1, Sql.timestamp(now));
                    ps.setLong(2, tokenId);
                });
            }
            return new Valid(tokenId, accountId, (String) row[2], effective);
        });
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getLong("account_id"), rs.getString("email"),
                rs.getString("token_hint"), rs.getString("note"), Permission.fromCodes(Sql.strings(rs, "permissions")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "last_used_at"),
                Sql.instant(rs, "revoked_at"));
    }
}
