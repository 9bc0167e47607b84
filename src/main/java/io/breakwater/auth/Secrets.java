package io.breakwater.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets (API tokens, session cookies, anti-forgery tokens) and the one-way hash under which
 * tokens and sessions are stored. The secrets carry at least 190 random bits, so a plain SHA-256 is the
 * right hash for them: unlike passwords they cannot be guessed, only stolen.
 */
public final class Secrets {

    /** API tokens start with this, so that secret scanners and people can recognise them. */
    public static final String TOKEN_PREFIX = "bw_";
    static final int TOKEN_RANDOM_CHARS = 40;
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A new API token: {@code bw_} and 40 base-62 characters (238 bits). */
    public static String newApiToken() {
        StringBuilder out = new StringBuilder(TOKEN_PREFIX.length() + TOKEN_RANDOM_CHARS).append(TOKEN_PREFIX);
        for (int i = 0; i < TOKEN_RANDOM_CHARS; i++) {
            out.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        return out.toString();
    }

    /** 32 random bytes, URL-safe base64 without padding (cookie values and anti-forgery tokens). */
    public static String newOpaque() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when {@code value} has the shape of a token this server issues (checked before any lookup). */
    public static boolean looksLikeApiToken(String value) {
        if (value == null || value.length() != TOKEN_PREFIX.length() + TOKEN_RANDOM_CHARS
                || !value.startsWith(TOKEN_PREFIX)) {
            return false;
        }
        for (int i = TOKEN_PREFIX.length(); i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Comparison in constant time, for anti-forgery tokens. */
    public static boolean sameSecret(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
