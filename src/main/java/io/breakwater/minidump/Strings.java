package io.breakwater.minidump;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** String records and identifiers as minidumps store them. */
final class Strings {

    /** Longest string we decode; real paths and names are far shorter, corrupt lengths are not. */
    static final int MAX_STRING_BYTES = 64 * 1024;

    private Strings() {}

    /**
     * A MINIDUMP_STRING at {@code rva}: a u32 byte length followed by UTF-16LE code units. Returns null
     * when the rva or the length do not fit the file; over-long strings are cut at {@link #MAX_STRING_BYTES}.
     */
    static String minidumpString(Minidump dump, long rva) {
        ByteView view = dump.view();
        if (rva <= 0 || !view.contains(rva, 4)) return null;
        long length = view.u32(rva);
        if ((length & 1) != 0) length--;
        if (!view.contains(rva + 4, length)) return null;
        int n = (int) Math.min(length, MAX_STRING_BYTES);
        if (!dump.charge(64 + n)) return null;
        return utf16(view.bytes(rva + 4, n), n / 2);
    }

    /** UTF-16LE code units up to the first NUL or {@code maxUnits}. Unpaired surrogates become U+FFFD. */
    static String utf16(byte[] bytes, int maxUnits) {
        int units = Math.min(maxUnits, bytes.length / 2);
        StringBuilder sb = new StringBuilder(units);
        for (int i = 0; i < units; i++) {
            char c = (char) ((bytes[2 * i] & 0xff) | ((bytes[2 * i + 1] & 0xff) << 8));
            if (c == 0) break;
            sb.append(c);
        }
        // Round-trip through the encoder so lone surrogates do not leak into JSON output.
        String s = sb.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }
        return s;
    }

    /** Crashpad's MinidumpUTF8String: u32 length, bytes, NUL. Null when it does not fit the file. */
    static String utf8String(Minidump dump, long rva) {
        ByteView view = dump.view();
        if (rva <= 0 || !view.contains(rva, 4)) return null;
        long length = view.u32(rva);
        if (!view.contains(rva + 4, length)) return null;
        int n = (int) Math.min(length, MAX_STRING_BYTES);
        if (!dump.charge(64 + 2L * n)) return null;
        return utf8(view.bytes(rva + 4, n));
    }

    /** Decodes UTF-8, replacing malformed input instead of failing. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** Bytes up to the first NUL, as UTF-8. */
    static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) end++;
        return utf8(java.util.Arrays.copyOf(bytes, end));
    }

    /** GUID fields read little-endian from 16 bytes, printed as symbol servers do (upper, no dashes). */
    static String guidCompact(byte[] g) {
        StringBuilder sb = new StringBuilder(32);
        sb.append(upperHex(le32(g, 0), 8)).append(upperHex(le16(g, 4), 4)).append(upperHex(le16(g, 6), 4));
        for (int i = 8; i < 16; i++) sb.append(upperHex(g[i] & 0xff, 2));
        return sb.toString();
    }

    /** Upper-case hex of an unsigned value, zero-padded to at least {@code digits} (as {@code %0NX}). */
    static String upperHex(long value, int digits) {
        String hex = Long.toHexString(value).toUpperCase(Locale.ROOT);
        return hex.length() >= digits ? hex : "0".repeat(digits - hex.length()) + hex;
    }

    /** GUID in the registry form {@code 42F9DE72-518A-43DD-97D7-8DDC328D3662}. */
    static String guidDashed(byte[] g) {
        String c = guidCompact(g);
        return c.substring(0, 8) + "-" + c.substring(8, 12) + "-" + c.substring(12, 16) + "-"
                + c.substring(16, 20) + "-" + c.substring(20);
    }

    static String hexLower(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        return sb.toString();
    }

    static long le32(byte[] b, int at) {
        return (b[at] & 0xffL) | ((b[at + 1] & 0xffL) << 8) | ((b[at + 2] & 0xffL) << 16) | ((b[at + 3] & 0xffL) << 24);
    }

    static int le16(byte[] b, int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8);
    }

    static String hex(long value) { return "0x" + Long.toHexString(value); }
}
