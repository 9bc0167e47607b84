package io.breakwater.storage;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Socorro crash ids: a random UUID whose last 7 hex digits are replaced by a throttle digit and the
 * {@code yymmdd} (UTC) of receipt, e.g. {@code de1bb258-cbbf-4589-a673-34f800160918}.
 */
public final class CrashIds {

    public static final String PREFIX = "bp-";
    private static final Pattern FORMAT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{5}[0-9][0-9]{6}");
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");

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
        return uuid.substring(0, uuid.length() - 7) + throttleDigit + receivedOn.format(YYMMDD);
    }

    public static String create(LocalDate receivedOn, int throttleDigit) {
        return create(receivedOn, throttleDigit, SharedRandom.INSTANCE);
    }

    /** True for a well-formed lower-case id (without the {@code bp-} prefix) with a real date. */
    public static boolean isValid(String crashId) {
        return crashId != null && FORMAT.matcher(crashId).matches() && date(crashId).isPresent();
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
        try {
            return Optional.of(LocalDate.parse(crashId.substring(crashId.length() - 6), YYMMDD));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code yyyymmdd} of the receipt date, as used in raw crash keys. */
    public static String dateKey(String crashId) {
        return date(crashId).orElseThrow(() -> new IllegalArgumentException("not a crash id: " + crashId))
                .format(YYYYMMDD);
    }

    /** The throttle digit (7th character from the end). */
    public static int throttleDigit(String crashId) {
        return crashId.charAt(crashId.length() - 7) - '0';
    }

    public static LocalDate todayUtc() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static final class SharedRandom {
        static final RandomGenerator INSTANCE = new java.security.SecureRandom();
    }
}
