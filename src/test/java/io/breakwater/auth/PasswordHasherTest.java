package io.breakwater.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PasswordHasherTest {

    // The lowest cost bcrypt allows: the behaviour is the same, only faster.
    private static final PasswordHasher HASHER = new PasswordHasher(4);
    private static final String PASSWORD = "correct horse battery";

    @Test
    void hashesMatchTheirPassword() {
        String hash = HASHER.hash(PASSWORD);
        assertTrue(hash.startsWith("$2a$04$"), hash);
        assertFalse(hash.contains(PASSWORD));
        assertTrue(HASHER.matches(PASSWORD, hash));
        assertNotEquals(hash, HASHER.hash(PASSWORD), "salted");
        assertTrue(HASHER.matches(PASSWORD, HASHER.hash(PASSWORD)));
        // a hash made at another cost still matches: the cost is part of the hash
        assertTrue(new PasswordHasher(5).matches(PASSWORD, hash));
    }

    @Test
    void wrongPasswordsDoNotMatch() {
        String hash = HASHER.hash(PASSWORD);
        for (String wrong : List.of("correct horse battery ", "Correct horse battery", "correct horse batter",
                "x", "")) {
            assertFalse(HASHER.matches(wrong, hash), wrong);
        }
        assertFalse(HASHER.matches(null, hash));
    }

    @Test
    void nonAsciiPasswordsAreHashedAsUtf8() {
        String euro = "€".repeat(10);
        String hash = HASHER.hash(euro);
        assertTrue(HASHER.matches(euro, hash));
        // same low bytes as the euro sign (U+20AC vs U+00AC): must not collide
        assertFalse(HASHER.matches("¬".repeat(10), hash));
    }

    @Test
    void nullHashNeverMatches() {
        assertFalse(HASHER.matches(PASSWORD, null));
        assertFalse(HASHER.matches("", null));
        assertFalse(HASHER.matches(null, null));
    }

    @Test
    void corruptHashesMatchNothingAndDoNotThrow() {
        String good = HASHER.hash(PASSWORD);
        for (String corrupt : List.of("", "x", PASSWORD, "$2a$04$", "$2a$04$abc", good.substring(0, good.length() - 3),
                good.replace("$2a$", "$9z$"), "$2a$99$" + good.substring(7), "$1$abc$def", "{bcrypt}" + good)) {
            assertFalse(assertDoesNotThrow(() -> HASHER.matches(PASSWORD, corrupt), corrupt), corrupt);
        }
    }

    @Test
    void overlongPasswordsNeverMatchEvenWhereBcryptWouldTruncate() {
        String first72 = "a".repeat(72);
        String hashOfFirst72 = BcryptUtil.bcryptHash(first72, 4);
        assertTrue(BcryptUtil.matches(first72 + "anything", hashOfFirst72), "bcrypt itself ignores byte 73 on");
        assertTrue(HASHER.matches(first72, hashOfFirst72));
        assertFalse(HASHER.matches(first72 + "anything", hashOfFirst72));
    }

    @Test
    void costIsBounded() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(3));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(32));
    }

    @Test
    void passwordsNeedTenCodePoints() {
        assertNotNull(PasswordHasher.problem(null));
        assertNotNull(PasswordHasher.problem(""));
        assertNotNull(PasswordHasher.problem("123456789"));
        assertNull(PasswordHasher.problem("1234567890"));
        // nine emoji are 18 chars but 9 characters to a person
        String emoji = "\uD83D\uDE00";
        assertEquals(18, emoji.repeat(9).length());
        assertNotNull(PasswordHasher.problem(emoji.repeat(9)));
        assertNull(PasswordHasher.problem(emoji.repeat(10)));
        assertThrows(IllegalArgumentException.class, () -> HASHER.hash("short"));
    }

    @Test
    void passwordsAreAtMost72Utf8Bytes() {
        assertNull(PasswordHasher.problem("a".repeat(72)));
        assertNotNull(PasswordHasher.problem("a".repeat(73)));
        assertNull(PasswordHasher.problem("€".repeat(24)), "72 bytes");
        assertNotNull(PasswordHasher.problem("€".repeat(25)), "75 bytes");

        String thirty = "€".repeat(30);
        assertEquals(30, thirty.length());
        assertEquals(90, thirty.getBytes(StandardCharsets.UTF_8).length);
        String problem = PasswordHasher.problem(thirty);
        assertNotNull(problem);
        assertTrue(problem.contains("72"), problem);
        // refused, not truncated to its first 24 characters
        assertThrows(IllegalArgumentException.class, () -> HASHER.hash(thirty));
        String hashOfFirst24 = HASHER.hash("€".repeat(24));
        assertFalse(HASHER.matches(thirty, hashOfFirst24));
    }

    @Test
    void blankPasswordsAreRefused() {
        assertNotNull(PasswordHasher.problem(" ".repeat(10)));
        assertNotNull(PasswordHasher.problem("\t".repeat(12)));
        assertNull(PasswordHasher.problem(" ".repeat(9) + "x"));
        assertThrows(IllegalArgumentException.class, () -> HASHER.hash(" ".repeat(20)));
    }
}
