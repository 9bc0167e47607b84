package io.breakwater.storage;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Local working files (collector hand-off, processor work directories, symbol upload staging). */
public final class LocalFiles {

    private static final Logger LOG = Logger.getLogger(LocalFiles.class);

    private LocalFiles() {
    }

    /**
     * Deletes a directory and everything in it, or a file; a missing path is fine. Best effort: what cannot be
     * deleted is logged at debug and left, as these are temporary files the OS or the next start cleans.
     */
    public static void deleteTreeQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debugf("could not delete %s: %s", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.debugf("could not clean %s: %s", root, e.getMessage());
        }
    }

    /**
     * A directory for this process's working files under {@code parent}: {@code <prefix><pid>-<start millis>}, so
     * that a later start can tell it from a live process's, even when the pid has been reused (a container's
     * server is often pid 1 on every start). Not created here.
     */
    public static Path processDirectory(Path parent, String prefix) {
        ProcessHandle self = ProcessHandle.current();
        return parent.resolve(prefix + self.pid() + "-" + startMillis(self));
    }

    /**
     * Deletes the {@link #processDirectory process directories} with this prefix under {@code parent} whose process
     * has ended: a kill -9 leaves its files behind, and nobody else will delete them. Directories named by pid
     * alone (earlier versions) count too. Returns how many went.
     */
    public static int deleteEndedProcessDirectories(Path parent, String prefix) {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        Pattern name = Pattern.compile(Pattern.quote(prefix) + "([0-9]{1,19})(?:-([0-9]{1,19}))?");
        List<Path> ended;
        try (Stream<Path> entries = Files.list(parent)) {
            ended = entries.filter(entry -> {
                Matcher m = name.matcher(entry.getFileName().toString());
                return m.matches() && Files.isDirectory(entry) && !isRunning(Long.parseLong(m.group(1)),
                        m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
            }).toList();
        } catch (IOException | NumberFormatException e) {
            LOG.debugf("could not look for leftovers in %s: %s", parent, e.getMessage());
            return 0;
        }
        ended.forEach(LocalFiles::deleteTreeQuietly);
        return ended.size();
    }

    /**
     * Whether the process that made a directory still runs: same pid and, when both are known, same start. This
     * process's own directories always carry its start, so one under its pid without it is an earlier run's.
     */
    private static boolean isRunning(long pid, long startMillis) {
        ProcessHandle self = ProcessHandle.current();
        if (pid == self.pid()) {
            return startMillis == startMillis(self);
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(process -> {
            long start = startMillis(process);
            return start == 0 || startMillis == 0 || start == startMillis;
        }).orElse(false);
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
