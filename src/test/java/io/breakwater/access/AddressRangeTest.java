package io.breakwater.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class AddressRangeTest {

    private static void in(String range, String... addresses) {
        AddressRange r = AddressRange.parse(range);
        for (String a : addresses) {
            assertTrue(r.contains(a), range + " should contain " + a);
        }
    }

    private static void notIn(String range, String... addresses) {
        AddressRange r = AddressRange.parse(range);
        for (String a : addresses) {
            assertFalse(r.contains(a), range + " should not contain " + a);
        }
    }

    @Test
    void singleIpv4AddressIsASlash32() {
        AddressRange r = AddressRange.parse("192.0.2.7");
        assertEquals(32, r.prefixBits());
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 7}, r.network());
        in("192.0.2.7", "192.0.2.7", " 192.0.2.7 ");
        notIn("192.0.2.7", "192.0.2.6", "192.0.2.8", "192.0.3.7");
        in("192.0.2.7/32", "192.0.2.7");
        notIn("192.0.2.7/32", "192.0.2.6");
    }

    @Test
    void ipv4Ranges() {
        in("10.0.0.0/8", "10.0.0.0", "10.0.0.1", "10.255.255.255");
        notIn("10.0.0.0/8", "11.0.0.0", "9.255.255.255", "110.0.0.1");
        // /12 splits the second byte: 172.16.0.0 - 172.31.255.255
        in("172.16.0.0/12", "172.16.0.0", "172.20.1.2", "172.31.255.255");
        notIn("172.16.0.0/12", "172.15.255.255", "172.32.0.0", "172.48.0.1");
        in("192.168.1.128/25", "192.168.1.128", "192.168.1.255");
        notIn("192.168.1.128/25", "192.168.1.127", "192.168.0.200");
        in("0.0.0.0/0", "0.0.0.0", "203.0.113.9", "255.255.255.255");
    }

    @Test
    void hostBitsOfTheNetworkAreIgnored() {
        in("10.1.2.3/8", "10.9.9.9");
        notIn("10.1.2.3/8", "11.1.2.3");
    }

    @Test
    void ipv6AddressesAndRanges() {
        AddressRange one = AddressRange.parse("::1");
        assertEquals(128, one.prefixBits());
        assertEquals(16, one.network().length);
        in("::1", "::1", "0:0:0:0:0:0:0:1", "0000::0001");
        notIn("::1", "::2", "::", "127.0.0.1");

        in("fd00::/8", "fd00::1", "fdff:ffff::1");
        notIn("fd00::/8", "fc00::1", "fe00::1");
        in("2001:db8:1:2::/64", "2001:db8:1:2::", "2001:db8:1:2:ffff:ffff:ffff:ffff");
        notIn("2001:db8:1:2::/64", "2001:db8:1:3::", "2001:db8:1:1:ffff:ffff:ffff:ffff");
        // /10 splits the second byte: fe80:: - febf:ffff:...
        in("fe80::/10", "fe80::1", "febf:ffff::1");
        notIn("fe80::/10", "fec0::1", "fe7f::1");
        in("2001:DB8::/32", "2001:db8:ffff::1");
        in("::/0", "::", "2001:db8::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    }

    @Test
    void familiesNeverMatchEachOther() {
        notIn("0.0.0.0/0", "::1", "2001:db8::1", "::");
        notIn("::/0", "127.0.0.1", "0.0.0.0");
        // ::10.0.0.1 is IPv4-compatible, not IPv4-mapped: it stays IPv6
        notIn("10.0.0.0/8", "::10.0.0.1");
    }

    @Test
    void ipv4MappedIpv6IsIpv4() {
        assertEquals(4, AddressRange.literal("::ffff:10.0.0.1").orElseThrow().length);
        in("10.0.0.0/8", "::ffff:10.1.2.3", "::FFFF:10.1.2.3", "::ffff:a01:203", "[::ffff:10.0.0.1]");
        notIn("10.0.0.0/8", "::ffff:11.0.0.1");
        AddressRange mapped = AddressRange.parse("::ffff:127.0.0.1");
        assertEquals(32, mapped.prefixBits());
        assertTrue(mapped.contains("127.0.0.1"));
        in("::ffff:10.0.0.0/8", "10.200.0.1");
        // The prefix counts IPv4 bits, so the IPv6 spelling of the length is out of range
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("::ffff:10.0.0.0/104"));
    }

    @Test
    void zoneIdsAreDropped() {
        in("fe80::/10", "fe80::1%eth0", "fe80::1%25", "[fe80::1%eth0]");
        AddressRange r = AddressRange.parse("fe80::1%eth0");
        assertEquals(128, r.prefixBits());
        assertTrue(r.contains("fe80::1"));
        assertTrue(r.contains("fe80::1%lo"));
        assertFalse(r.contains("fe80::2%eth0"));
    }

    @Test
    void bracketsAreAccepted() {
        in("[::1]", "::1", "[::1]");
        in("[2001:db8::]/32", "2001:db8::1", "[2001:db8:0:1::5]");
        assertFalse(AddressRange.parse("::1").contains("[::1"), "unbalanced bracket");
        assertTrue(AddressRange.literal("[10.0.0.1]").isPresent());
    }

    @Test
    void hostNamesAreNotAddresses() {
        for (String name : List.of("localhost", "example.com", "LOCALHOST", "ip6-localhost", "1.2.3.4.example.com",
                "cafe", "dead:beef.example", "")) {
            assertTrue(AddressRange.literal(name).isEmpty(), name);
            assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(name), name);
            assertFalse(AddressRange.parse("0.0.0.0/0").contains(name), name);
            assertFalse(AddressRange.parse("::/0").contains(name), name);
        }
        assertTrue(AddressRange.literal(null).isEmpty());
        assertFalse(AddressRange.parse("127.0.0.0/8").contains(null));
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(null));
    }

    @Test
    void shorthandAndOutOfRangeIpv4AreNotAddresses() {
        // InetAddress would read these as 1.2.0.3, 127.0.0.1 and 127.0.0.1, or look them up as names
        for (String text : List.of("1.2.3", "2130706433", "0x7f.0.0.1", "1.2.3.4.5", "256.0.0.1", "999.1.1.1",
                "1.2.3.4:80", "1:2", "1::2::3", ":::", "::1.2.3")) {
            assertTrue(AddressRange.literal(text).isEmpty(), text);
            assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(text), text);
        }
    }

    @Test
    void badPrefixesAreRefused() {
        for (String text : List.of("10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/abc", "10.0.0.0/8/8",
                "10.0.0.0/ 8", "10.0.0.0/1.5", "::/129", "::1/-0x1", "/8", "10.0.0.0/99999999999")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(text),
                    text);
            assertTrue(e.getMessage().contains(text), e.getMessage());
        }
        assertEquals(0, AddressRange.parse("10.0.0.0/0").prefixBits());
        assertEquals(128, AddressRange.parse("::/128").prefixBits());
    }

    /**
     * Runs {@link AddressRange#literal} in a fresh JVM whose hosts file names "999.1.1.1" and "300.2.2.2": if
     * the text were ever looked up as a host name, the answer would show.
     */
    @Test
    void outOfRangeIpv4IsNeverLookedUp(@TempDir Path dir) throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "192.0.2.66 999.1.1.1\n192.0.2.67 300.2.2.2\n192.0.2.68 localhost\n");
        List<String> cmd = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + hosts, "-cp", System.getProperty("java.class.path"),
                LookupProbe.class.getName(), "999.1.1.1", "300.2.2.2", "localhost", "192.0.2.1"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of("999.1.1.1 none", "300.2.2.2 none", "localhost none", "192.0.2.1 c0000201"),
                out.lines().toList());
    }

    /** The child side of {@link #outOfRangeIpv4IsNeverLookedUp}. */
    static final class LookupProbe {
        public static void main(String[] args) {
            for (String a : args) {
                System.out.println(a + " " + AddressRange.literal(a).map(b -> HexFormat.of().formatHex(b)).orElse("none"));
            }
        }
    }
}
