package io.breakwater.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An IP address or CIDR range, from literals only (never a DNS lookup). Immutable. */
public final class AddressRange {

    private final byte[] network;
    private final int prefixBits;

    private AddressRange(byte[] network, int prefixBits) {
        this.network = network.clone();
        this.prefixBits = prefixBits;
    }

    public int prefixBits() {
        return prefixBits;
    }

    /** The network's address bytes (a copy). */
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r && r.prefixBits == prefixBits && java.util.Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefixBits;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixBits;
        } catch (UnknownHostException e) {
            return "?/" + prefixBits;
        }
    }

    /** Parses {@code 192.0.2.7}, {@code 10.0.0.0/8}, {@code ::1} or {@code fd00::/8}. */
    public static AddressRange parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literal(address).orElseThrow(() ->
                new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range"));
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has a bad prefix length");
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has a bad prefix length");
            }
        }
        return new AddressRange(bytes, bits);
    }

    public boolean contains(String address) {
        Optional<byte[]> candidate = literal(address);
        if (candidate.isEmpty() || candidate.get().length != network.length) {
            return false;
        }
        byte[] c = candidate.get();
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (c[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (c[full] & mask) == (network[full] & mask);
    }

    /** The bytes of an IP literal; IPv4-mapped IPv6 addresses come back as IPv4. */
    static Optional<byte[]> literal(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        boolean v4 = a.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = a.contains(":") && a.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        if (v4) {
            // InetAddress looks up an out-of-range dotted quad (999.1.1.1) as a host name.
            for (String octet : a.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            return Optional.of(InetAddress.getByName(a).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
