package io.breakwater.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalFilesTest {

    @TempDir
    Path parent;

    @Test
    void aProcessDirectoryIsNamedAfterThisProcessAndItsStart() {
        String name = LocalFiles.processDirectory(parent, "work-").getFileName().toString();
        assertTrue(name.matches("work-" + ProcessHandle.current().pid() + "-[0-9]+"), name);
        assertEquals(name, LocalFiles.processDirectory(parent, "work-").getFileName().toString(), "stable within a run");
    }

    @Test
    void onlyDirectoriesOfEndedProcessesAreDeleted() throws Exception {
        Path own = Files.createDirectories(LocalFiles.processDirectory(parent, "work-"));
        Files.writeString(own.resolve("dump"), "in use");

        // A process that really ran and ended, as a kill -9 would leave it.
        Process ended = new ProcessBuilder("sleep", "0.2").start();
        long endedPid = ended.pid();
        long endedStart = ended.info().startInstant().orElseThrow().toEpochMilli();
        assertTrue(ended.waitFor(10, TimeUnit.SECONDS));
        Path gone = Files.createDirectories(parent.resolve("work-" + endedPid + "-" + endedStart));
        Files.writeString(gone.resolve("dump"), "left behind");

        // This pid again, started at another time: a reused pid, not this process.
        long self = ProcessHandle.current().pid();
        Path reused = Files.createDirectories(parent.resolve("work-" + self + "-1"));
        Path otherPrefix = Files.createDirectories(parent.resolve("other-" + endedPid + "-" + endedStart));
        Path notADirectory = Files.writeString(parent.resolve("work-" + endedPid + "-" + (endedStart + 1)), "file");
        // Named by pid alone, as earlier versions did: this pid's is an earlier run's, a live parent's stays.
        Path bareSelf = Files.createDirectories(parent.resolve("work-" + self));
        long parentPid = ProcessHandle.current().parent().orElseThrow().pid();
        Path bareLive = Files.createDirectories(parent.resolve("work-" + parentPid));

        assertEquals(3, LocalFiles.deleteEndedProcessDirectories(parent, "work-"));
        assertFalse(Files.exists(bareSelf));
        assertTrue(Files.exists(bareLive), "a live process named by pid alone keeps its files");
        assertFalse(Files.exists(gone));
        assertFalse(Files.exists(reused));
        assertTrue(Files.exists(own.resolve("dump")), "the running process keeps its files");
        assertTrue(Files.exists(otherPrefix), "another prefix is someone else's");
        assertTrue(Files.exists(notADirectory), "only directories are process directories");
        assertEquals(0, LocalFiles.deleteEndedProcessDirectories(parent.resolve("missing"), "work-"));
    }
}
