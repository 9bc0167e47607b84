package io.breakwater.access;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a request comes from: the connecting peer, or, when that peer is a configured reverse proxy, what
 * its {@code X-Forwarded-For} / {@code X-Forwarded-Proto} headers say. Headers from anyone else are
 * ignored, so a client cannot claim another address (rate limits, audit) or claim TLS (cookies).
 */
@ApplicationScoped
public class RequestOrigins {

    /** The client's address and whether it reached us over TLS. */
    public record Origin(String clientAddress, boolean secure) {
    }

    private final List<AddressRange> trusted;

    @Inject
    public RequestOrigins(AccessConfig config) {
        this(config.trustedProxies().orElse(List.of()));
    }

    public RequestOrigins(List<String> trustedProxies) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String proxy : trustedProxies) {
            if (!proxy.isBlank()) {
                ranges.add(AddressRange.parse(proxy));
            }
        }
        this.trusted = List.copyOf(ranges);
    }

    public Origin of(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        String peerAddress = peer == null ? "" : peer.hostAddress();
        return of(peerAddress, request.isSSL(), request.getHeader("X-Forwarded-For"),
                request.getHeader("X-Forwarded-Proto"));
    }

    Origin of(String peerAddress, boolean tls, String forwardedFor, String forwardedProto) {
        if (!isTrusted(peerAddress)) {
            return new Origin(peerAddress, tls);
        }
        String client = peerAddress;
        if (forwardedFor != null && !forwardedFor.isBlank()) {
            String[] hops = forwardedFor.split(",");
            // Right to left: the nearest hop not run by us is the client.
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = unbracketed(hops[i].strip());
                if (AddressRange.literal(hop).isEmpty()) {
                    break; // garbage: stop believing further hops
                }
                client = hop;
                if (!isTrusted(hop)) {
                    break;
                }
            }
        }
        boolean secure = tls;
        if (forwardedProto != null && !forwardedProto.isBlank()) {
            secure = forwardedProto.split(",")[0].strip().toLowerCase(Locale.ROOT).equals("https");
        }
        return new Origin(client, secure);
    }

    /** {@code [2001:db8::1]} as {@code 2001:db8::1}, so one client has one key however it is written. */
    private static String unbracketed(String hop) {
        return hop.length() > 2 && hop.startsWith("[") && hop.endsWith("]") ? hop.substring(1, hop.length() - 1) : hop;
    }

    boolean isTrusted(String address) {
        for (AddressRange range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The client address of the request being served, or "" outside a request. */
    public String currentClientAddress() {
        RoutingContext context = currentContext();
        return context == null ? "" : of(context.request()).clientAddress();
    }

    static RoutingContext currentContext() {
        var container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return null;
        }
        var current = container.instance(CurrentVertxRequest.class);
        return current.isAvailable() ? current.get().getCurrent() : null;
    }
}
