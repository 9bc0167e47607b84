package io.breakwater.storage;

import java.util.Set;

/** Socorro-compatible object keys of one crash. Every method rejects malformed ids and names. */
public final class CrashKeys {

    /** Names that are keys of the layout itself and so can never be dump names. */
    public static final Set<String> RESERVED_NAMES = Set.of("raw_crash", "dump_names", "processed_crash");
    /** Longest dump name: {@code [A-Za-z0-9_-]}, 1 to this many characters. */
    private static final int MAX_DUMP_NAME_LENGTH = 100;

    private CrashKeys() {
    }

    public static String rawCrash(String crashId) {
        return "v1/raw_crash/" + CrashIds.dateKey(checkId(crashId)) + "/" + crashId;
    }

    /** Prefix under which all raw crashes received on one {@code yyyymmdd} day are listed. */
    public static String rawCrashDayPrefix(String yyyymmdd) {
        if (!yyyymmdd.matches("[0-9]{8}")) {
            throw new IllegalArgumentException("not a yyyymmdd date: " + yyyymmdd);
        }
        return "v1/raw_crash/" + yyyymmdd + "/";
    }

    public static String dumpNames(String crashId) {
        return "v1/dump_names/" + checkId(crashId);
    }

    public static String dump(String crashId, String dumpName) {
        return "v1/" + checkDumpName(dumpName) + "/" + checkId(crashId);
    }

    public static String processedCrash(String crashId) {
        return "v1/processed_crash/" + checkId(crashId);
    }

    public static boolean isValidDumpName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_DUMP_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isDumpNameChar(name.charAt(i))) {
                return false;
            }
        }
        return !RESERVED_NAMES.contains(name);
    }

    /** {@code [A-Za-z0-9_-]}: nothing that could mean a path in a storage key. */
    public static boolean isDumpNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    static String checkId(String crashId) {
        if (!CrashIds.isValid(crashId)) {
            throw new IllegalArgumentException("not a crash id: " + crashId);
        }
        return crashId;
    }

    static String checkDumpName(String name) {
        if (!isValidDumpName(name)) {
            throw new IllegalArgumentException("not a valid dump name: " + name);
        }
        return name;
    }
}
