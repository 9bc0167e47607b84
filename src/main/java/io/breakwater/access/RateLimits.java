package io.breakwater.access;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Socorro's limits on the API and Super Search: by default 100 requests a minute per client address
 * when anonymous, 1,000 per account when signed in or sending a token; 429 with {@code Retry-After}
 * beyond. Crash submission and symbol downloads are not limited here.
 */
@ApplicationScoped
public class RateLimits {

    private final RateLimiter limiter = new RateLimiter();

    @Inject
    AccessConfig config;

    @Inject
    AccessPolicy access;

    @Inject
    RequestOrigins origins;

    @ServerRequestFilter(preMatching = true)
    public void limitApiAndSearch(ContainerRequestContext context, HttpServerRequest request) {
        if (!config.rateLimit().enabled() || !isLimited(context.getUriInfo().getPath())) {
            return;
        }
        Caller caller = access.caller();
        boolean anonymous = caller.isAnonymous();
        String key = anonymous ? "address:" + origins.of(request).clientAddress() : "account:" + caller.accountId();
        int perMinute = anonymous ? config.rateLimit().anonymousPerMinute() : config.rateLimit().authenticatedPerMinute();
        long wait = limiter.acquire(key, perMinute);
        if (wait > 0) {
            throw new RateLimitedException("more than " + perMinute + " requests a minute"
                    + (anonymous ? " from " + origins.of(request).clientAddress()
                    + "; signed-in users and API tokens get " + config.rateLimit().authenticatedPerMinute()
                    : " from " + caller.describe()), wait);
        }
    }

    /** Login attempts per client address; throws when there were too many. */
    public void limitLogin(HttpServerRequest request) {
        if (!config.rateLimit().enabled()) {
            return;
        }
        String address = origins.of(request).clientAddress();
        int perMinute = config.rateLimit().loginPerMinute();
        long wait = limiter.acquire("login:" + address, perMinute);
        if (wait > 0) {
            throw new RateLimitedException("more than " + perMinute + " login attempts a minute from " + address, wait);
        }
    }

    static boolean isLimited(String path) {
        String p = path == null ? "" : path;
        return p.startsWith("/api/") || p.equals("/search") || p.startsWith("/search/");
    }
}
