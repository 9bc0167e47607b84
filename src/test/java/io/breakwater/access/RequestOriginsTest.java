package io.breakwater.access;

import io.breakwater.access.RequestOrigins.Origin;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RequestOriginsTest {

    private static final String CLIENT = "203.0.113.7";
    private final RequestOrigins direct = new RequestOrigins(List.of());
    private final RequestOrigins proxied = new RequestOrigins(List.of("10.0.0.0/8", "192.0.2.1", "fd00::/8"));

    @Test
    void withoutTrustedProxiesThePeerIsTheClient() {
        assertEquals(new Origin(CLIENT, false), direct.of(CLIENT, false, null, null));
        assertEquals(new Origin(CLIENT, true), direct.of(CLIENT, true, null, null));
        assertEquals(new Origin("2001:db8::5", true), direct.of("2001:db8::5", true, null, null));
    }

    @Test
    void untrustedPeersCannotClaimAnotherAddress() {
        for (RequestOrigins origins : List.of(direct, proxied)) {
            assertEquals(CLIENT, origins.of(CLIENT, false, "127.0.0.1", null).clientAddress());
            assertEquals(CLIENT, origins.of(CLIENT, false, "10.0.0.1", null).clientAddress());
            assertEquals(CLIENT, origins.of(CLIENT, false, "::1, 127.0.0.1", null).clientAddress());
        }
    }

    @Test
    void untrustedPeersCannotClaimTls() {
        for (RequestOrigins origins : List.of(direct, proxied)) {
            assertFalse(origins.of(CLIENT, false, null, "https").secure());
            assertFalse(origins.of(CLIENT, false, "127.0.0.1", "https").secure());
            // and cannot give it away either: our own TLS is what counts
            assertTrue(origins.of(CLIENT, true, null, "http").secure());
        }
    }

    @Test
    void trustedProxyIsBelieved() {
        assertEquals(new Origin(CLIENT, true), proxied.of("10.1.2.3", false, CLIENT, "https"));
        assertEquals(new Origin(CLIENT, false), proxied.of("192.0.2.1", false, " " + CLIENT + " ", "http"));
        assertEquals(new Origin("2001:db8::9", false), proxied.of("fd00::1", false, "2001:db8::9", null));
        // a proxy reached over IPv4-mapped IPv6 is the same proxy
        assertEquals(CLIENT, proxied.of("::ffff:10.0.0.1", false, CLIENT, null).clientAddress());
    }

    @Test
    void trustedProxyWithoutHeadersIsItselfTheClient() {
        assertEquals(new Origin("10.0.0.1", false), proxied.of("10.0.0.1", false, null, null));
        assertEquals(new Origin("10.0.0.1", true), proxied.of("10.0.0.1", true, "  ", " "));
    }

    @Test
    void onlyThePeerDecidesTrust() {
        // 192.0.2.2 is next to the trusted 192.0.2.1 but not in the list
        assertEquals(new Origin("192.0.2.2", false), proxied.of("192.0.2.2", false, CLIENT, "https"));
        assertEquals(new Origin("", false), proxied.of("", false, CLIENT, "https"));
    }

    @Test
    void hopsAreWalkedRightToLeftThroughTrustedProxies() {
        // client -> 192.0.2.1 -> 10.0.0.2 -> us; what the client wrote itself is left of its address
        String xff = "127.0.0.1, 198.51.100.1, " + CLIENT + ", 192.0.2.1, 10.0.0.2";
        assertEquals(CLIENT, proxied.of("10.0.0.1", false, xff, null).clientAddress());
        assertEquals(CLIENT, proxied.of("10.0.0.1", false, "10.9.9.9," + CLIENT + ",10.0.0.2", null).clientAddress());
        assertEquals("2001:db8::9", proxied.of("10.0.0.1", false, "::1, 2001:db8::9, fd00::7", null).clientAddress());
    }

    @Test
    void whenEveryHopIsTrustedTheFarthestIsTheClient() {
        assertEquals("10.0.0.3", proxied.of("10.0.0.1", false, "10.0.0.3, 10.0.0.2", null).clientAddress());
    }

    @Test
    void garbageHopsStopTheWalk() {
        // the walk keeps the last hop it believed: here the nearer proxy
        for (String garbage : List.of("unknown", "_hidden", "example.com", "203.0.113.7:4711", "999.1.1.1", "",
                "1.2.3")) {
            String xff = "198.51.100.1, " + garbage + ", 10.0.0.2";
            assertEquals("10.0.0.2", proxied.of("10.0.0.1", false, xff, null).clientAddress(), xff);
        }
        assertEquals("10.0.0.1", proxied.of("10.0.0.1", false, "unknown", null).clientAddress());
        assertEquals("10.0.0.1", proxied.of("10.0.0.1", false, "localhost", null).clientAddress());
        assertEquals(CLIENT, proxied.of("10.0.0.1", false, "garbage, " + CLIENT, null).clientAddress());
    }

    @Test
    void forwardedProtoFromTrustedProxiesDecidesSecure() {
        assertTrue(proxied.of("10.0.0.1", false, CLIENT, "https").secure());
        assertTrue(proxied.of("10.0.0.1", false, CLIENT, " HTTPS ").secure());
        assertTrue(proxied.of("10.0.0.1", false, CLIENT, "https, http").secure(), "the first value counts");
        assertFalse(proxied.of("10.0.0.1", false, CLIENT, "http, https").secure(), "the first value counts");
        // the client spoke plain HTTP to the proxy, even though the proxy speaks TLS to us
        assertFalse(proxied.of("10.0.0.1", true, CLIENT, "http").secure());
        assertFalse(proxied.of("10.0.0.1", false, CLIENT, "wss").secure());
        // no header: our own connection decides
        assertTrue(proxied.of("10.0.0.1", true, CLIENT, null).secure());
        assertFalse(proxied.of("10.0.0.1", false, CLIENT, "").secure());
    }

    @Test
    void trustedProxiesAreLiteralAddressesOrRanges() {
        RequestOrigins origins = new RequestOrigins(List.of("", "  ", "127.0.0.1"));
        assertTrue(origins.isTrusted("127.0.0.1"));
        assertFalse(origins.isTrusted("127.0.0.2"));
        assertFalse(origins.isTrusted("localhost"));
        assertThrows(IllegalArgumentException.class, () -> new RequestOrigins(List.of("proxy.example.com")));
        assertThrows(IllegalArgumentException.class, () -> new RequestOrigins(List.of("10.0.0.0/40")));
    }
}
