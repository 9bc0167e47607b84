package io.breakwater.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code breakwater.auth.*}: password hashing, browser sessions and API token lifetimes. */
@ConfigMapping(prefix = "breakwater.auth")
public interface AuthConfig {

    /** bcrypt work factor: each step doubles the time of a login (12 is about a quarter second). */
    @WithDefault("12")
    int bcryptCost();

    Session session();

    Token token();

    Oidc oidc();

    /**
     * Single sign-on through an OpenID Connect provider (Quarkus OIDC, configured by the
     * {@code quarkus.oidc.*} properties that application.properties derives from {@code BREAKWATER_OIDC_*}).
     * Only the login step uses it: a provider identity becomes a local account and a Breakwater session.
     */
    interface Oidc {
        @WithDefault("false")
        boolean enabled();

        /** People unknown to Breakwater get an account (with no groups) at their first sign-on. */
        @WithDefault("true")
        boolean createAccounts();

        /** Groups such new accounts join. */
        java.util.Optional<java.util.List<String>> defaultGroups();

        /** The login page's button: "Log in with ...". */
        @WithDefault("single sign-on")
        String label();
    }

    interface Session {
        /** A session ends this long after login, however active. */
        @WithDefault("14d")
        Duration maxAge();

        /** ... or after this long without a request. */
        @WithDefault("3d")
        Duration idleTimeout();

        /**
         * The cookie's Secure flag: {@code auto} sets it when the request came over TLS (directly or, per
         * a trusted proxy's X-Forwarded-Proto, to the proxy); {@code always}; {@code never}.
         */
        @WithDefault("auto")
        SecureCookie secureCookie();
    }

    enum SecureCookie {
        AUTO, ALWAYS, NEVER
    }

    interface Token {
        /** Expiry offered when a token is created. */
        @WithDefault("90")
        int defaultDays();

        /** The longest expiry a token may have. */
        @WithDefault("730")
        int maxDays();
    }
}
