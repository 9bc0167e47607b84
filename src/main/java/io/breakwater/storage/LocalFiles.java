package io.breakwater.storage;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
}
