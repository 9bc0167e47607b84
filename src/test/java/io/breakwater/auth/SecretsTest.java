package io.breakwater.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SecretsTest {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Test
    void apiTokensHaveTheirShape() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            String token = Secrets.newApiToken();
            assertTrue(token.startsWith("bw_"), token);
            assertEquals(43, token.length(), token);
            for (char c : token.substring(3).toCharArray()) {
                assertTrue(BASE62.indexOf(c) >= 0, token);
                seen.add(c);
            }
            assertTrue(Secrets.looksLikeApiToken(token), token);
        }
        // 120,000 draws from 62 characters: a missing one means a biased alphabet
        assertEquals(62, seen.size(), "characters used: " + seen);
    }

    @Test
    void secretsAreUnique() {
        Set<String> tokens = new HashSet<>();
        Set<String> opaque = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            tokens.add(Secrets.newApiToken());
            opaque.add(Secrets.newOpaque());
        }
        assertEquals(5000, tokens.size());
        assertEquals(5000, opaque.size());
    }

    @Test
    void opaqueSecretsAre32UrlSafeBytes() {
        for (int i = 0; i < 200; i++) {
            String s = Secrets.newOpaque();
            assertEquals(43, s.length(), s);
            assertTrue(s.matches("[A-Za-z0-9_-]+"), s);
            assertEquals(32, Base64.getUrlDecoder().decode(s).length);
        }
    }

    @Test
    void looksLikeApiTokenRejectsOtherShapes() {
        String good = "bw_" + "aZ09".repeat(10);
        assertTrue(Secrets.looksLikeApiToken(good));
        for (String bad : List.of(
                "", "bw_", good.substring(0, 42), good + "a", "BW_" + good.substring(3), "xx_" + good.substring(3),
                "bw-" + good.substring(3), good.substring(0, 42) + "-", good.substring(0, 42) + "_",
                good.substring(0, 42) + "=", good.substring(0, 42) + " ", " " + good.substring(0, 42),
                good.substring(0, 42) + "é", good.substring(0, 42) + "\u0660", // Arabic-Indic zero is a digit to Java
                "Bearer " + good, Secrets.newOpaque())) {
            assertFalse(Secrets.looksLikeApiToken(bad), bad);
        }
        assertFalse(Secrets.looksLikeApiToken(null));
    }

    @Test
    void sha256IsDeterministicAndDistinct() throws Exception {
        assertArrayEquals(Secrets.sha256("bw_token"), Secrets.sha256("bw_token"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HexFormat.of().formatHex(Secrets.sha256("")));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(Secrets.sha256("abc")));
        // UTF-8, whatever the platform charset
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest("€".getBytes(StandardCharsets.UTF_8)),
                Secrets.sha256("€"));
        assertFalse(Arrays.equals(Secrets.sha256("a"), Secrets.sha256("b")));
    }

    @Test
    void sameSecretComparesWholeValues() {
        assertTrue(Secrets.sameSecret("abc", "abc"));
        assertTrue(Secrets.sameSecret("", ""));
        assertFalse(Secrets.sameSecret("abc", "abd"));
        assertFalse(Secrets.sameSecret("abc", "ab"));
        assertFalse(Secrets.sameSecret("abc", "abcd"));
        assertFalse(Secrets.sameSecret("abc", "ABC"));
        assertFalse(Secrets.sameSecret(null, "abc"));
        assertFalse(Secrets.sameSecret("abc", null));
        assertFalse(Secrets.sameSecret(null, null), "two missing secrets are not the same secret");
        assertFalse(Secrets.sameSecret("", null));
    }
}
