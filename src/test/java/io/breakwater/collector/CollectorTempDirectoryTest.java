package io.breakwater.collector;

import io.breakwater.queue.CrashQueue;
import io.breakwater.storage.CrashStorage;
import io.breakwater.testsupport.Multipart;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dumps being received wait in a directory of this process's own under {@code breakwater.collector.temp-dir}; what a
 * killed process left there is removed when a collector starts.
 */
@QuarkusTest
class CollectorTempDirectoryTest {

    @Inject
    CollectorConfig config;

    @Inject
    CrashStorage storage;

    @Inject
    CrashQueue queue;

    @TempDir
    Path temp;

    @Test
    void leftoversOfAKilledCollectorGoAndThisOnesDumpsWaitInItsOwnDirectory() throws Exception {
        // pid 2^22 + 1 is above Linux's pid_max limit, so no process has it.
        Path killed = Files.createDirectories(temp.resolve(PayloadExtractor.TEMP_PREFIX + "4194305-1700000000000"));
        Files.write(killed.resolve("breakwater-dump-1.tmp"), new byte[1000]);

        CrashCollector collector = new CrashCollector(SubmitTestSupport.overriding(config, "tempDir", Optional.of(temp)),
                storage, queue, Throttler.acceptAll(), Clock.systemUTC());
        assertFalse(Files.exists(killed), "a killed process's dumps are removed at start");
        Path own = PayloadExtractor.Limits.from(SubmitTestSupport.overriding(config, "tempDir", Optional.of(temp))).tempDir();
        assertTrue(Files.isDirectory(own), "this process's directory is made at start");
        assertEquals(temp, own.getParent());

        Multipart m = new Multipart().field("ProductName", "TempDirectory").field("Version", "1.0")
                .file("upload_file_minidump", "d", new byte[3000]);
        byte[] body = m.build();
        SubmitResult result = collector.submit(new Submission(m.contentType(), null, OptionalLong.of(body.length), "test",
                Map.of(), new ByteArrayInputStream(body)));
        assertTrue(result.body().startsWith("CrashID=bp-"), result.body());
        assertEquals(List.of(), SubmitTestSupport.tempFiles(temp), "the dump went to storage, its temporary file is gone");
    }
}
