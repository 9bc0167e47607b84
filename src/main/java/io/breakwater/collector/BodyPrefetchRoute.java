package io.breakwater.collector;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a small {@code /submit} body sent over HTTP/1 whole on the event loop, so the REST layer hands the
 * worker thread a finished body. Streaming it instead makes the event loop and the worker meet on a lock for
 * every network read, which cost about a third of the event loops' time in the collector's profile, and keeps
 * a worker waiting on a slow client. Bodies without a length, or longer than {@code prefetch.max-body-size}, or that
 * would take the held total past {@code prefetch.max-total}, still stream, so memory stays bounded.
 */
@ApplicationScoped
public class BodyPrefetchRoute {

    private final long maxBodySize;
    private final long maxTotal;
    private final AtomicLong held = new AtomicLong();

    @Inject
    public BodyPrefetchRoute(CollectorConfig config) {
        this.maxBodySize = config.prefetch().maxBodySize();
        this.maxTotal = config.prefetch().maxTotal();
    }

    void route(@Observes Router router) {
        // After BodyFramingRoute (-10), so a body cut short still ends with its problem recorded.
        router.post("/submit").order(-9).handler(this::prefetch);
    }

    /** Bytes of prefetched bodies held now. */
    long heldBytes() {
        return held.get();
    }

    private void prefetch(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long length = SubmitResource.contentLength(request.getHeader(HttpHeaders.CONTENT_LENGTH)).orElse(-1);
        // HTTP/1 only: the REST layer pauses the request it is handed, which an ended HTTP/2 stream refuses
        // ("Request has already been read"). An ended request has no body left to read here.
        if (request.version() == HttpVersion.HTTP_2 || length <= 0 || length > maxBodySize || request.isEnded()
                || !reserve(length)) {
            ctx.next();
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                held.addAndGet(-length);
            }
        };
        ctx.addEndHandler(ignored -> release.run());
        if (request.version() == HttpVersion.HTTP_1_1
                && "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            // The streaming path sends it on the first read; a prefetched body is read right away.
            ctx.response().writeContinue();
        }
        // Sized from the start: growing a buffer as chunks arrive copied the body again at every doubling.
        Buffer body = Buffer.buffer((int) length);
        request.handler(body::appendBuffer);
        request.exceptionHandler(failure -> {
            // The connection broke mid-body: nobody is left to answer.
            release.run();
            if (!ctx.response().closed()) {
                ctx.response().close();
            }
        });
        request.endHandler(end -> {
            ctx.setBody(body);
            ctx.next();
        });
        // Quarkus pauses requests before routing them; the streaming path resumes on its first read.
        request.resume();
    }

    private boolean reserve(long length) {
        while (true) {
            long now = held.get();
            if (now + length > maxTotal) {
                return false;
            }
            if (held.compareAndSet(now, now + length)) {
                return true;
            }
        }
    }
}
