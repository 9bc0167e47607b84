package io.breakwater.auth;

import io.breakwater.access.Caller;
import io.breakwater.access.Identities;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Turns presented tokens and session cookies into callers, checking the database on a worker thread. */
final class CredentialIdentityProviders {

    private static final Logger LOG = Logger.getLogger(CredentialIdentityProviders.class);

    private CredentialIdentityProviders() {
    }

    @ApplicationScoped
    static class TokenProvider implements IdentityProvider<Credentials.TokenRequest> {

        @Inject
        TokenStore tokens;

        @Override
        public Class<Credentials.TokenRequest> getRequestType() {
            return Credentials.TokenRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(Credentials.TokenRequest request, AuthenticationRequestContext context) {
            return context.runBlocking(() -> {
                TokenStore.Check check;
                try {
                    check = tokens.check(request.token, Instant.now());
                } catch (AuthStorageException e) {
                    LOG.warnf("API token not checked: %s", e.getMessage());
                    return Identities.checkUnavailable();
                }
                if (check instanceof TokenStore.Valid v) {
                    return Identities.of(Caller.token(v.accountId(), v.email(), v.permissions(), v.tokenId()));
                }
                String reason = ((TokenStore.Invalid) check).reason();
                LOG.debugf("API token refused: %s", reason);
                return Identities.rejectedCredential(reason);
            });
        }
    }

    @ApplicationScoped
    static class SessionProvider implements IdentityProvider<Credentials.SessionRequest> {

        @Inject
        SessionStore sessions;

        @Inject
        AuthConfig config;

        @Override
        public Class<Credentials.SessionRequest> getRequestType() {
            return Credentials.SessionRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(Credentials.SessionRequest request,
                                                  AuthenticationRequestContext context) {
            return context.runBlocking(() -> {
                try {
                    return sessions.check(request.cookieValue, Instant.now(), config.session().idleTimeout())
                            .map(s -> Identities.of(Caller.session(s.accountId(), s.email(), s.permissions(),
                                    s.csrfToken())))
                            .orElseGet(Identities::staleSession);
                } catch (AuthStorageException e) {
                    // Pages stay readable (anonymously) while the database is away.
                    LOG.warnf("session not checked: %s", e.getMessage());
                    return QuarkusSecurityIdentity.builder().setAnonymous(true).build();
                }
            });
        }
    }
}
