package io.breakwater.auth;

import io.breakwater.access.AuditLog;
import io.breakwater.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an identity the OpenID Connect provider vouched for into a local account: the one linked to that
 * issuer and subject; else the account with the same e-mail address, when the provider verified the
 * address (it is then linked); else, if allowed, a new account without password or permissions.
 */
@ApplicationScoped
public class SingleSignOn {

    @Inject
    AccountStore accounts;

    @Inject
    SessionStore sessions;

    @Inject
    AuditLog audit;

    @Inject
    AuthConfig config;

    /** What the provider said about the person. */
    public record ProviderIdentity(String issuer, String subject, String email, boolean emailVerified, String name) {
    }

    public sealed interface Result permits Success, Refused {
    }

    public record Success(Account account, SessionStore.NewSession session) implements Result {
    }

    public record Refused(String message) implements Result {
    }

    public Result signIn(ProviderIdentity who, String clientAddress, String userAgent) {
        if (who.issuer() == null || who.subject() == null || who.subject().isBlank()) {
            return new Refused("The identity provider sent no subject.");
        }
        Optional<Account> account = accounts.findByOidc(who.issuer(), who.subject());
        String how = "linked identity";
        if (account.isEmpty()) {
            Optional<Account> byEmail = who.email() == null ? Optional.empty() : accounts.findByEmail(who.email());
            if (byEmail.isPresent()) {
                if (!who.emailVerified()) {
                    return new Refused("An account with the address " + who.email() + " exists, but the identity "
                            + "provider has not verified that address, so it cannot be linked to your sign-on.");
                }
                if (byEmail.get().oidcSubject() != null) {
                    return new Refused("The account " + who.email() + " is linked to another single sign-on identity.");
                }
                accounts.linkOidc(byEmail.get().id(), who.issuer(), who.subject());
                account = accounts.find(byEmail.get().id());
                how = "linked by verified e-mail";
            } else if (config.oidc().createAccounts() && who.email() != null
                    && AccountStore.emailProblem(who.email()) == null) {
                Account created = accounts.create(who.email(), who.name(), null, false);
                accounts.linkOidc(created.id(), who.issuer(), who.subject());
                List<Long> groups = new ArrayList<>();
                for (String name : config.oidc().defaultGroups().orElse(List.of())) {
                    accounts.groupByName(name).ifPresent(g -> groups.add(g.id()));
                }
                accounts.setMemberships(created.id(), groups);
                account = accounts.find(created.id());
                how = "account created at first sign-on";
                audit.record(Caller.system("single sign-on"), "account.create", who.email(),
                        "from " + who.issuer() + " groups=" + account.map(Account::groups).orElse(List.of()));
            } else {
                return new Refused("There is no Breakwater account for " + (who.email() == null ? "you" : who.email())
                        + "; ask an administrator to add one.");
            }
        }
        Account a = account.orElseThrow();
        if (!a.active()) {
            audit.record(Caller.ANONYMOUS, "login.failed", a.email(), "single sign-on: account deactivated");
            return new Refused("Your Breakwater account is deactivated.");
        }
        SessionStore.NewSession session = sessions.create(a.id(), config.session().maxAge(), clientAddress, userAgent);
        accounts.recordLogin(a.id());
        audit.record(Caller.session(a.id(), a.email(), Set.of(), null), "login", a.email(),
                "single sign-on via " + who.issuer() + " (" + how + ")");
        return new Success(a, session);
    }
}
