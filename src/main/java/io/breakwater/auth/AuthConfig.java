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
