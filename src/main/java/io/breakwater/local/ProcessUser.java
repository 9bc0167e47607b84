package io.breakwater.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/** Who this process runs as, for the launchers of services that refuse to run as root. */
final class ProcessUser {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessUser() {
    }

    /**
     * Whether the effective uid is 0. Read from {@code /proc/self/status}: the owner of {@code /proc/self}
     * is no use, as that is a symbolic link always owned by root.
     */
    static boolean isRoot() {
        OptionalInt uid = effectiveUid();
        return uid.isPresent() ? uid.getAsInt() == 0 : "root".equals(System.getProperty("user.name"));
    }

    /** The effective uid, or empty where there is no Linux {@code /proc}. */
    static OptionalInt effectiveUid() {
        try {
            return parseEffectiveUid(Files.readAllLines(STATUS, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return OptionalInt.empty();
        }
    }

    /** From the {@code Uid:} line of a {@code /proc/PID/status}: real, effective, saved set, filesystem uid. */
    static OptionalInt parseEffectiveUid(List<String> statusLines) {
        for (String line : statusLines) {
            if (!line.startsWith("Uid:")) {
                continue;
            }
            String[] fields = line.substring(4).trim().split("\\s+");
            if (fields.length < 2) {
                return OptionalInt.empty();
            }
            try {
                return OptionalInt.of(Integer.parseInt(fields[1]));
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }
}
