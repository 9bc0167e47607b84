package io.breakwater.collector;

import io.netty.channel.Channel;
import io.netty.channel.socket.SocketChannelConfig;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Installs {@link BodyFramingHandler} on connections that reach {@code /submit}, before the body is read.
 * Route handlers run on the event loop as the request head is decoded, so the connection allows half-closure
 * before Netty can see the client's end of input.
 */
@ApplicationScoped
public class BodyFramingRoute {

    private static final String KEY = BodyFramingHandler.class.getName();

    void route(@Observes Router router) {
        // Ahead of the REST layer's routes (order 0 and later).
        router.post("/submit").order(-10).handler(this::install);
    }

    private void install(RoutingContext ctx) {
        // HTTP/1 only: HTTP/2 streams end on their own frames.
        BodyFramingHandler handler = ctx.request().version() == HttpVersion.HTTP_2 ? null
                : attach(ctx.request().connection());
        if (handler != null) {
            ctx.put(KEY, handler);
        }
        ctx.next();
    }

    /** The problem that ended this request's body early, or null. */
    static String problemOf(RoutingContext ctx) {
        BodyFramingHandler handler = ctx == null ? null : ctx.get(KEY);
        return handler == null ? null : handler.problem();
    }

    private static BodyFramingHandler attach(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            return null;
        }
        Channel channel = base.channel();
        var pipeline = channel.pipeline();
        if (pipeline.get(BodyFramingHandler.NAME) instanceof BodyFramingHandler existing) {
            return existing;
        }
        if (pipeline.get("handler") == null || !(channel.config() instanceof SocketChannelConfig config)) {
            return null;
        }
        config.setAllowHalfClosure(true);
        BodyFramingHandler handler = new BodyFramingHandler(true);
        pipeline.addBefore("handler", BodyFramingHandler.NAME, handler);
        return handler;
    }
}
