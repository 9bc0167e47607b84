package io.breakwater.storage;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Socorro crash ids: a random UUID whose last 7 hex digits are replaced by a throttle digit and the
 * {@code yymmdd} (UTC) of receipt, e.g. {@code de1bb258-cbbf-4589-a673-34f800160918}.
 */
public final class CrashIds {

    public static final String PREFIX = "bp-";
    /** Length of an id without the prefix: {@code 8-4-4-4-12}. */
    private static final int LENGTH = 36;

    private CrashIds() {
    }

    /** A new id for a crash received on {@code receivedOn} (UTC date). */
    public static String create(LocalDate receivedOn, int throttleDigit, RandomGenerator random) {
        if (throttleDigit < 0 || throttleDigit > 9) {
            throw new IllegalArgumentException("throttle digit must be 0-9: " + throttleDigit);
        }
        // A version-4 UUID, as Socorro's collector makes.
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        String uuid = new UUID(high, low).toString();
        StringBuilder id = new StringBuilder(LENGTH).append(uuid, 0, uuid.length() - 7).append(throttleDigit);
        twoDigits(id, receivedOn.getYear() % 100);
        twoDigits(id, receivedOn.getMonthValue());
        twoDigits(id, receivedOn.getDayOfMonth());
        return id.toString();
    }

    public static String create(LocalDate receivedOn, int throttleDigit) {
        return create(receivedOn, throttleDigit, SharedRandom.INSTANCE);
    }

    /** True for a well-formed lower-case id (without the {@code bp-} prefix) with a real date. */
    public static boolean isValid(String crashId) {
        // By hand rather than by pattern: every store key checks its id, several times per crash.
        if (crashId == null || crashId.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = crashId.charAt(i);
            boolean ok = (i == 8 || i == 13 || i == 18 || i == 23) ? c == '-'
                    : i >= LENGTH - 7 ? c >= '0' && c <= '9'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return date(crashId).isPresent();
    }

    /** Accepts ids with or without {@code bp-} and in any case; empty when it is not a crash id. */
    public static Optional<String> normalize(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String id = input.trim().toLowerCase(java.util.Locale.ROOT);
        if (id.startsWith(PREFIX)) {
            id = id.substring(PREFIX.length());
        }
        return isValid(id) ? Optional.of(id) : Optional.empty();
    }

    /** The receipt date encoded in the id's last six characters. */
    public static Optional<LocalDate> date(String crashId) {
        if (crashId == null || crashId.length() < 6) {
            return Optional.empty();
        }
        int end = crashId.length();
        int yy = twoDigitsAt(crashId, end - 6);
        int mm = twoDigitsAt(crashId, end - 4);
        int dd = twoDigitsAt(crashId, end - 2);
        if (yy < 0 || mm < 0 || dd < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(2000 + yy, mm, dd));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** {@code yyyymmdd} of the receipt date, as used in raw crash keys. */
    public static String dateKey(String crashId) {
        LocalDate date = date(crashId).orElseThrow(() -> new IllegalArgumentException("not a crash id: " + crashId));
        StringBuilder key = new StringBuilder(8).append(date.getYear());
        twoDigits(key, date.getMonthValue());
        twoDigits(key, date.getDayOfMonth());
        return key.toString();
    }

    /** The throttle digit (7th character from the end). */
    public static int throttleDigit(String crashId) {
        return crashId.charAt(crashId.length() - 7) - '0';
    }

    private static void twoDigits(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** The number in two decimal digits at {@code at}, or -1. */
    private static int twoDigitsAt(String s, int at) {
        char tens = s.charAt(at);
        char ones = s.charAt(at + 1);
        if (tens < '0' || tens > '9' || ones < '0' || ones > '9') {
            return -1;
        }
        return (tens - '0') * 10 + (ones - '0');
    }

    public static LocalDate todayUtc() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static final class SharedRandom {
        static final RandomGenerator INSTANCE = new java.security.SecureRandom();
    }
}
