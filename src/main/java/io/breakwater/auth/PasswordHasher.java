package io.breakwater.auth;

import io.quarkus.elytron.security.common.BcryptUtil;

import java.nio.charset.StandardCharsets;

/**
 * bcrypt password hashes (salted, slow; WildFly Elytron's implementation). Also the password rules, so
 * the CLI and the pages refuse the same passwords.
 */
public final class PasswordHasher {

    public static final int MIN_LENGTH = 10;
    /** bcrypt reads at most 72 bytes; longer passwords would be silently truncated. */
    public static final int MAX_BYTES = 72;
    public static final int DEFAULT_COST = 12;

    private final int cost;
    // Verified against when the account does not exist, so both cases take the same time.
    private final String dummyHash;

    public PasswordHasher(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be between 4 and 31, not " + cost);
        }
        this.cost = cost;
        this.dummyHash = BcryptUtil.bcryptHash("not a password of anyone's", cost);
    }

    public String hash(String password) {
        String problem = problem(password);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return BcryptUtil.bcryptHash(password, cost);
    }

    /** True when {@code password} matches {@code hash}; a null hash (no local password) never matches. */
    public boolean matches(String password, String hash) {
        if (password == null || password.isEmpty() || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            BcryptUtil.matches("x", dummyHash);
            return false;
        }
        if (hash == null) {
            BcryptUtil.matches(password, dummyHash);
            return false;
        }
        try {
            return BcryptUtil.matches(password, hash);
        } catch (RuntimeException e) {
            return false; // a corrupt stored hash matches nothing
        }
    }

    /** Spends the time of one verification, for logins of unknown accounts. */
    public void burnVerification(String password) {
        BcryptUtil.matches(password == null || password.isEmpty() ? "x" : password, dummyHash);
    }

    /** Why {@code password} is not acceptable, or null. */
    public static String problem(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "the password must have at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "the password must be at most " + MAX_BYTES + " bytes long (bcrypt ignores the rest)";
        }
        if (password.isBlank()) {
            return "the password must not be only spaces";
        }
        return null;
    }
}
