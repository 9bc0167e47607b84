package io.breakwater.auth;

import io.breakwater.access.AuditLog;
import io.breakwater.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Signing in with a local password, and out. Wrong e-mail, wrong password and deactivated account all
 * get the same answer and take the same time, so the login form does not tell who has an account.
 */
@ApplicationScoped
public class Logins {

    public static final String FAILED = "Wrong e-mail address or password.";

    @Inject
    AccountStore accounts;

    @Inject
    SessionStore sessions;

    @Inject
    PasswordHasher hasher;

    @Inject
    AuditLog audit;

    @Inject
    AuthConfig config;

    public sealed interface Result permits Success, Failure {
    }

    public record Success(Account account, SessionStore.NewSession session) implements Result {
    }

    public record Failure(String message) implements Result {
    }

    public Result login(String email, String password, String clientAddress, String userAgent) {
        Optional<Account> found = AccountStore.emailProblem(email) == null ? accounts.findByEmail(email) : Optional.empty();
        if (found.isEmpty()) {
            hasher.burnVerification(password);
            audit.record(Caller.ANONYMOUS, "login.failed", email == null ? "" : email.strip(), "no such account");
            return new Failure(FAILED);
        }
        Account account = found.get();
        boolean matches = hasher.matches(password, accounts.passwordHash(account.id()).orElse(null));
        if (!matches || !account.active()) {
            audit.record(Caller.ANONYMOUS, "login.failed", account.email(),
                    matches ? "account deactivated" : "wrong password");
            return new Failure(FAILED);
        }
        SessionStore.NewSession session = sessions.create(account.id(), config.session().maxAge(), clientAddress,
                userAgent);
        accounts.recordLogin(account.id());
        audit.record(Caller.session(account.id(), account.email(), java.util.Set.of(), null), "login", account.email(), "");
        return new Success(account, session);
    }

    public void logout(String cookieValue, Caller caller) {
        if (sessions.end(cookieValue)) {
            audit.record(caller, "logout", caller.name() == null ? "" : caller.name(), "");
        }
    }
}
