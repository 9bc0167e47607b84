package io.breakwater.auth;

import io.breakwater.access.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Accounts, groups and memberships in PostgreSQL (tables {@code account}, {@code account_group},
 * {@code group_permission}, {@code group_member}). Plain JDBC, so that the {@code admin} command line
 * can use it without starting the server.
 */
@ApplicationScoped
public class AccountStore {

    public static final int MAX_EMAIL = 254;
    public static final int MAX_NAME = 200;
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+");

    private static final String ACCOUNT_COLUMNS = "a.id, a.email, a.display_name, a.superuser, a.active, "
            + "a.password_hash IS NOT NULL AS has_password, a.oidc_subject, a.created_at, a.last_login_at, "
            + "ARRAY(SELECT g.name FROM group_member m JOIN account_group g ON g.id = m.group_id "
            + "WHERE m.account_id = a.id ORDER BY g.name) AS group_names";

    private final Sql sql;

    @Inject
    public AccountStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Why {@code email} cannot name an account, or null. */
    public static String emailProblem(String email) {
        if (email == null || email.isBlank()) {
            return "an e-mail address is required";
        }
        String e = email.strip();
        if (e.length() > MAX_EMAIL || !EMAIL.matcher(e).matches() || e.chars().anyMatch(Character::isISOControl)) {
            return "'" + (e.length() > 100 ? e.substring(0, 100) + "…" : e) + "' is not an e-mail address";
        }
        return null;
    }

    /** Creates an account; {@code passwordHash} may be null (OpenID Connect only). */
    public Account create(String email, String displayName, String passwordHash, boolean superuser) {
        String problem = emailProblem(email);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        long id;
        try {
            id = sql.one("INSERT INTO account (email, display_name, password_hash, superuser) VALUES (?, ?, ?, ?) "
                    + "RETURNING id", ps -> {
                ps.setString(1, email.strip());
                ps.setString(2, bounded(displayName));
                ps.setString(3, passwordHash);
                ps.setBoolean(4, superuser);
            }, rs -> rs.getLong(1)).orElseThrow();
        } catch (AuthStorageException.Duplicate e) {
            throw new AuthStorageException.Duplicate("an account with the e-mail address " + email.strip()
                    + " already exists", e);
        }
        return find(id).orElseThrow();
    }

    public Optional<Account> find(long id) {
        return sql.one("SELECT " + ACCOUNT_COLUMNS + " FROM account a WHERE a.id = ?", ps -> ps.setLong(1, id),
                AccountStore::account);
    }

    public Optional<Account> findByEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return sql.one("SELECT " + ACCOUNT_COLUMNS + " FROM account a WHERE lower(a.email) = lower(?)",
                ps -> ps.setString(1, email.strip()), AccountStore::account);
    }

    public Optional<Account> findByOidc(String issuer, String subject) {
        return sql.one("SELECT " + ACCOUNT_COLUMNS + " FROM account a WHERE a.oidc_issuer = ? AND a.oidc_subject = ?",
                ps -> {
                    ps.setString(1, issuer);
                    ps.setString(2, subject);
                }, AccountStore::account);
    }

    /** The stored password hash of an active or inactive account, for login. */
    public Optional<String> passwordHash(long accountId) {
        return sql.one("SELECT password_hash FROM account WHERE id = ?", ps -> ps.setLong(1, accountId),
                rs -> rs.getString(1));
    }

    public List<Account> list() {
        return sql.list("SELECT " + ACCOUNT_COLUMNS + " FROM account a ORDER BY lower(a.email)", Sql.none(),
                AccountStore::account);
    }

    public long count() {
        return sql.one("SELECT count(*) FROM account", Sql.none(), rs -> rs.getLong(1)).orElse(0L);
    }

    public boolean setPassword(long accountId, String passwordHash) {
        return sql.update("UPDATE account SET password_hash = ? WHERE id = ?", ps -> {
            ps.setString(1, passwordHash);
            ps.setLong(2, accountId);
        }) == 1;
    }

    public boolean setActive(long accountId, boolean active) {
        return sql.update("UPDATE account SET active = ? WHERE id = ?", ps -> {
            ps.setBoolean(1, active);
            ps.setLong(2, accountId);
        }) == 1;
    }

    public boolean setSuperuser(long accountId, boolean superuser) {
        return sql.update("UPDATE account SET superuser = ? WHERE id = ?", ps -> {
            ps.setBoolean(1, superuser);
            ps.setLong(2, accountId);
        }) == 1;
    }

    public boolean setDisplayName(long accountId, String displayName) {
        return sql.update("UPDATE account SET display_name = ? WHERE id = ?", ps -> {
            ps.setString(1, bounded(displayName));
            ps.setLong(2, accountId);
        }) == 1;
    }

    public void linkOidc(long accountId, String issuer, String subject) {
        sql.update("UPDATE account SET oidc_issuer = ?, oidc_subject = ? WHERE id = ?", ps -> {
            ps.setString(1, issuer);
            ps.setString(2, subject);
            ps.setLong(3, accountId);
        });
    }

    public void recordLogin(long accountId) {
        sql.update("UPDATE account SET last_login_at = now() WHERE id = ?", ps -> ps.setLong(1, accountId));
    }

    /** What the account may do now: everything for a superuser, else the union of its groups; none when inactive. */
    public Set<Permission> permissions(long accountId) {
        return sql.run(c -> permissions(c, accountId));
    }

    static Set<Permission> permissions(java.sql.Connection c, long accountId) throws SQLException {
        List<String[]> rows = Sql.list(c, "SELECT a.superuser, a.active, gp.permission FROM account a "
                        + "LEFT JOIN group_member m ON m.account_id = a.id "
                        + "LEFT JOIN group_permission gp ON gp.group_id = m.group_id WHERE a.id = ?",
                ps -> ps.setLong(1, accountId),
                rs -> new String[] {Boolean.toString(rs.getBoolean(1)), Boolean.toString(rs.getBoolean(2)), rs.getString(3)});
        Set<Permission> out = EnumSet.noneOf(Permission.class);
        for (String[] row : rows) {
            if (!Boolean.parseBoolean(row[1])) {
                return EnumSet.noneOf(Permission.class);
            }
            if (Boolean.parseBoolean(row[0])) {
                return Permission.all();
            }
            if (row[2] != null) {
                Permission.byCode(row[2]).ifPresent(out::add);
            }
        }
        return out;
    }

    // --- groups -------------------------------------------------------------------------------------------

    public List<Group> groups() {
        return sql.run(c -> {
            Map<Long, Set<Permission>> perms = new LinkedHashMap<>();
            for (Object[] row : Sql.list(c, "SELECT group_id, permission FROM group_permission", Sql.none(),
                    rs -> new Object[] {rs.getLong(1), rs.getString(2)})) {
                Permission.byCode((String) row[1]).ifPresent(p ->
                        perms.computeIfAbsent((Long) row[0], k -> EnumSet.noneOf(Permission.class)).add(p));
            }
            return Sql.list(c, "SELECT g.id, g.name, g.description, "
                            + "(SELECT count(*) FROM group_member m WHERE m.group_id = g.id) AS members "
                            + "FROM account_group g ORDER BY lower(g.name)", Sql.none(),
                    rs -> new Group(rs.getLong(1), rs.getString(2), rs.getString(3),
                            perms.getOrDefault(rs.getLong(1), Set.of()), rs.getInt(4)));
        });
    }

    public Optional<Group> group(long id) {
        return groups().stream().filter(g -> g.id() == id).findFirst();
    }

    public Optional<Group> groupByName(String name) {
        return groups().stream().filter(g -> g.name().equalsIgnoreCase(name == null ? "" : name.strip())).findFirst();
    }

    public Group createGroup(String name, String description, Set<Permission> permissions) {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
            throw new IllegalArgumentException("a group needs a name of 1 to " + MAX_NAME + " characters");
        }
        long id;
        try {
            id = sql.transaction(c -> {
                long gid = Sql.list(c, "INSERT INTO account_group (name, description) VALUES (?, ?) RETURNING id", ps -> {
                    ps.setString(1, name.strip());
                    ps.setString(2, bounded(description));
                }, rs -> rs.getLong(1)).getFirst();
                writePermissions(c, gid, permissions);
                return gid;
            });
        } catch (AuthStorageException.Duplicate e) {
            throw new AuthStorageException.Duplicate("a group named " + name.strip() + " already exists", e);
        }
        return group(id).orElseThrow();
    }

    public boolean setGroupPermissions(long groupId, Set<Permission> permissions) {
        return sql.transaction(c -> {
            if (Sql.list(c, "SELECT 1 FROM account_group WHERE id = ? FOR UPDATE", ps -> ps.setLong(1, groupId),
                    rs -> 1).isEmpty()) {
                return false;
            }
            Sql.update(c, "DELETE FROM group_permission WHERE group_id = ?", ps -> ps.setLong(1, groupId));
            writePermissions(c, groupId, permissions);
            return true;
        });
    }

    public boolean deleteGroup(long groupId) {
        return sql.update("DELETE FROM account_group WHERE id = ?", ps -> ps.setLong(1, groupId)) == 1;
    }

    public List<Long> groupIdsOf(long accountId) {
        return sql.list("SELECT group_id FROM group_member WHERE account_id = ? ORDER BY group_id",
                ps -> ps.setLong(1, accountId), rs -> rs.getLong(1));
    }

    /** Makes the account a member of exactly {@code groupIds} (unknown ids are ignored). */
    public void setMemberships(long accountId, Collection<Long> groupIds) {
        sql.transaction(c -> {
            Sql.update(c, "DELETE FROM group_member WHERE account_id = ?", ps -> ps.setLong(1, accountId));
            for (long groupId : groupIds) {
                Sql.update(c, "INSERT INTO group_member (group_id, account_id) SELECT id, ? FROM account_group "
                        + "WHERE id = ? ON CONFLICT DO NOTHING", ps -> {
                    ps.setLong(1, accountId);
                    ps.setLong(2, groupId);
                });
            }
            return null;
        });
    }

    public void addMember(long groupId, long accountId) {
        sql.update("INSERT INTO group_member (group_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING", ps -> {
            ps.setLong(1, groupId);
            ps.setLong(2, accountId);
        });
    }

    public void removeMember(long groupId, long accountId) {
        sql.update("DELETE FROM group_member WHERE group_id = ? AND account_id = ?", ps -> {
            ps.setLong(1, groupId);
            ps.setLong(2, accountId);
        });
    }

    private static void writePermissions(java.sql.Connection c, long groupId, Set<Permission> permissions)
            throws SQLException {
        for (Permission p : permissions) {
            Sql.update(c, "INSERT INTO group_permission (group_id, permission) VALUES (?, ?)", ps -> {
                ps.setLong(1, groupId);
                ps.setString(2, p.code());
            });
        }
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"),
                rs.getBoolean("superuser"), rs.getBoolean("active"), rs.getBoolean("has_password"),
                rs.getString("oidc_subject"), Sql.instant(rs, "created_at"), Sql.instant(rs, "last_login_at"),
                new ArrayList<>(Sql.strings(rs, "group_names")));
    }

    private static String bounded(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        return t.length() > MAX_NAME ? t.substring(0, MAX_NAME) : t;
    }

    static String normalizedEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
