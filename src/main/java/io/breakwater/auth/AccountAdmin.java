package io.breakwater.auth;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.AuditLog;
import io.breakwater.access.Caller;
import io.breakwater.access.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Changes to accounts, groups and tokens as the pages make them: each checks the actor's permission,
 * refuses what would lock the actor out, and is written to the audit trail. Bad input throws
 * {@link IllegalArgumentException} with a message for the form.
 */
@ApplicationScoped
public class AccountAdmin {

    @Inject
    AccountStore accounts;

    @Inject
    TokenStore tokens;

    @Inject
    SessionStore sessions;

    @Inject
    PasswordHasher hasher;

    @Inject
    AuditLog audit;

    @Inject
    AuthConfig config;

    // --- accounts ---------------------------------------------------------------------------------------

    public Account createUser(Caller actor, String email, String displayName, String password, boolean superuser,
                              Collection<Long> groupIds) {
        requireAdmin(actor);
        String hash = password == null || password.isEmpty() ? null : hasher.hash(password);
        Account account = accounts.create(email, displayName, hash, superuser);
        accounts.setMemberships(account.id(), groupIds);
        Account created = accounts.find(account.id()).orElseThrow();
        audit.record(actor, "account.create", created.email(), "superuser=" + superuser + " groups=" + created.groups()
                + (hash == null ? " (no password: single sign-on only)" : ""));
        return created;
    }

    public Account updateUser(Caller actor, long accountId, String displayName, boolean active, boolean superuser,
                              Collection<Long> groupIds) {
        requireAdmin(actor);
        Account before = accounts.find(accountId).orElseThrow(() -> new IllegalArgumentException("no such account"));
        if (before.id() == actor.accountId()) {
            if (!active) {
                throw new IllegalArgumentException("you cannot deactivate your own account");
            }
            boolean adminAfter = superuser || accounts.groups().stream()
                    .anyMatch(g -> groupIds.contains(g.id()) && g.permissions().contains(Permission.ADMIN));
            if (!adminAfter) {
                throw new IllegalArgumentException("this would take away your own admin permission; ask another admin");
            }
        }
        accounts.setDisplayName(accountId, displayName);
        accounts.setActive(accountId, active);
        accounts.setSuperuser(accountId, superuser);
        accounts.setMemberships(accountId, groupIds);
        if (!active) {
            sessions.endAllFor(accountId);
        }
        Account after = accounts.find(accountId).orElseThrow();
        audit.record(actor, "account.update", after.email(), changes(before, after));
        return after;
    }

    /** An admin sets someone's password; their sessions end. */
    public void resetPassword(Caller actor, long accountId, String password) {
        requireAdmin(actor);
        Account account = accounts.find(accountId).orElseThrow(() -> new IllegalArgumentException("no such account"));
        accounts.setPassword(accountId, hasher.hash(password));
        if (account.id() != actor.accountId()) {
            sessions.endAllFor(accountId);
        }
        audit.record(actor, "account.password", account.email(), "set by an administrator");
    }

    /** A user changes their own password; their other sessions end. */
    public void changeOwnPassword(Caller me, String currentPassword, String newPassword, String keepCookieValue) {
        long id = signedIn(me);
        if (!hasher.matches(currentPassword, accounts.passwordHash(id).orElse(null))) {
            throw new IllegalArgumentException("the current password is not right");
        }
        accounts.setPassword(id, hasher.hash(newPassword));
        sessions.endAllOthers(id, keepCookieValue);
        audit.record(me, "account.password", me.name(), "changed by its owner");
    }

    // --- groups -----------------------------------------------------------------------------------------

    public Group createGroup(Caller actor, String name, String description, Set<Permission> permissions) {
        requireAdmin(actor);
        Group group = accounts.createGroup(name, description, permissions);
        audit.record(actor, "group.create", group.name(), "permissions=" + codes(group.permissions()));
        return group;
    }

    public Group updateGroupPermissions(Caller actor, long groupId, Set<Permission> permissions) {
        requireAdmin(actor);
        Group before = accounts.group(groupId).orElseThrow(() -> new IllegalArgumentException("no such group"));
        if (before.permissions().contains(Permission.ADMIN) && !permissions.contains(Permission.ADMIN)
                && onlyAdminPathOf(actor, groupId)) {
            throw new IllegalArgumentException("this group is where your own admin permission comes from; "
                    + "removing it would lock you out");
        }
        accounts.setGroupPermissions(groupId, permissions);
        audit.record(actor, "group.update", before.name(), codes(before.permissions()) + " -> " + codes(permissions));
        return accounts.group(groupId).orElseThrow();
    }

    public void deleteGroup(Caller actor, long groupId) {
        requireAdmin(actor);
        Group group = accounts.group(groupId).orElseThrow(() -> new IllegalArgumentException("no such group"));
        if (group.permissions().contains(Permission.ADMIN) && onlyAdminPathOf(actor, groupId)) {
            throw new IllegalArgumentException("this group is where your own admin permission comes from; "
                    + "deleting it would lock you out");
        }
        accounts.deleteGroup(groupId);
        audit.record(actor, "group.delete", group.name(), "had " + group.members() + " members");
    }

    // --- tokens -----------------------------------------------------------------------------------------

    /** A token for the signed-in user, holding some of their permissions. */
    public TokenStore.NewToken createToken(Caller owner, Set<Permission> permissions, String note, int days) {
        long id = signedIn(owner);
        if (owner.via() == Caller.Via.TOKEN) {
            throw new IllegalArgumentException("API tokens are created by a signed-in user, not by another token");
        }
        int max = config.token().maxDays();
        if (days < 1 || days > max) {
            throw new IllegalArgumentException("a token lasts between 1 and " + max + " days");
        }
        TokenStore.NewToken created = tokens.create(id, permissions, note, Instant.now().plus(Duration.ofDays(days)));
        audit.record(owner, "token.create", "token " + created.token().id(),
                "permissions=" + codes(permissions) + " days=" + days + " note=" + created.token().note());
        return created;
    }

    /** The owner revokes their token, or an admin revokes anyone's. */
    public boolean revokeToken(Caller actor, long tokenId) {
        long id = signedIn(actor);
        ApiToken token = tokens.find(tokenId).orElseThrow(() -> new IllegalArgumentException("no such token"));
        boolean own = token.accountId() == id;
        if (!own && !actor.has(Permission.ADMIN)) {
            throw AccessPolicy.denied(actor, Permission.ADMIN);
        }
        boolean revoked = tokens.revoke(tokenId, own ? id : null);
        if (revoked) {
            audit.record(actor, "token.revoke", "token " + tokenId, own ? "by its owner" : "of " + token.accountEmail());
        }
        return revoked;
    }

    public List<ApiToken> tokensOf(Caller owner) {
        return tokens.listFor(signedIn(owner));
    }

    public int defaultTokenDays() {
        return config.token().defaultDays();
    }

    public int maxTokenDays() {
        return config.token().maxDays();
    }

    private boolean onlyAdminPathOf(Caller actor, long groupId) {
        Account me = accounts.find(actor.accountId() == null ? -1 : actor.accountId()).orElse(null);
        if (me == null || me.superuser()) {
            return false;
        }
        List<Long> mine = accounts.groupIdsOf(me.id());
        boolean elsewhere = accounts.groups().stream()
                .anyMatch(g -> g.id() != groupId && mine.contains(g.id()) && g.permissions().contains(Permission.ADMIN));
        return mine.contains(groupId) && !elsewhere;
    }

    private static void requireAdmin(Caller actor) {
        if (!actor.has(Permission.ADMIN)) {
            throw AccessPolicy.denied(actor, Permission.ADMIN);
        }
    }

    private static long signedIn(Caller caller) {
        if (caller.isAnonymous() || caller.accountId() == null) {
            throw new io.breakwater.access.AccessDeniedException(null, true, "this needs you to sign in");
        }
        return caller.accountId();
    }

    private static String codes(Set<Permission> permissions) {
        return permissions.stream().map(Permission::code).sorted().collect(Collectors.joining(",", "[", "]"));
    }

    private static String changes(Account before, Account after) {
        Set<String> out = new TreeSet<>();
        if (before.active() != after.active()) out.add("active=" + after.active());
        if (before.superuser() != after.superuser()) out.add("superuser=" + after.superuser());
        if (!before.groups().equals(after.groups())) out.add("groups=" + before.groups() + " -> " + after.groups());
        if (!before.displayName().equals(after.displayName())) out.add("name=" + after.displayName());
        return out.isEmpty() ? "no change" : String.join(" ", out);
    }
}
