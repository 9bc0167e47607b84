package io.breakwater.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** {@code breakwater.access.*}: reverse proxies to believe, and request rate limits. */
@ConfigMapping(prefix = "breakwater.access")
public interface AccessConfig {

    /**
     * Addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code ::1}) of reverse proxies whose
     * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} headers are believed. Empty: none, the headers
     * are ignored from everyone.
     */
    Optional<List<String>> trustedProxies();

    RateLimit rateLimit();

    /** Requests per minute, per client address when anonymous and per account when signed in. */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** The API ({@code /api/*}) and the Super Search page, anonymous callers. */
        @WithDefault("100")
        int anonymousPerMinute();

        /** The same, callers with a session or an API token. */
        @WithDefault("1000")
        int authenticatedPerMinute();

        /** Login attempts per client address. */
        @WithDefault("20")
        int loginPerMinute();
    }
}
