package io.breakwater.instance;

import io.breakwater.local.EmbeddedPostgresLauncher;
import io.breakwater.local.S3ProxyLauncher;
import io.breakwater.minidump.Cpu;
import io.breakwater.minidump.synth.SynthMinidump;
import io.breakwater.storage.CrashKeys;
import io.breakwater.testsupport.AppProcess;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of the packaged application while 16 clients submit: every crash that was answered
 * {@code CrashID=} must have its raw crash and dump in object storage and its id in the queue, whatever
 * batch of the queue's group commit it was in. The services run in this JVM, so they outlive the app.
 */
class KillUnderLoadIT {

    static Path work;
    static EmbeddedPostgresLauncher.Running postgres;
    static S3ProxyLauncher.Running s3;
    static AppProcess app;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(AppProcess.JAR), "the packaged jar is missing (run in the verify phase)");
        work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kill-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        postgres = EmbeddedPostgresLauncher.start(work.resolve("postgres"), work.resolve("postgres.log"));
        s3 = S3ProxyLauncher.start(work.resolve("s3"));
        // No processor: every acknowledged crash must still be in the queue afterwards.
        app = AppProcess.start("kill", work, Map.of(
                "BREAKWATER_DB_URL", postgres.jdbcUrl(), "BREAKWATER_DB_USER", postgres.user(),
                "BREAKWATER_DB_PASSWORD", postgres.password(),
                "BREAKWATER_S3_ENDPOINT", s3.endpoint(), "BREAKWATER_S3_ACCESS_KEY", s3.accessKey(),
                "BREAKWATER_S3_SECRET_KEY", s3.secretKey(),
                // Search is not needed to collect: a closed port keeps the test to PostgreSQL and S3.
                "BREAKWATER_ES_URL", "http://127.0.0.1:9"),
                Map.of("breakwater.processor.enabled", "false"));
        app.awaitStatus("/__lbheartbeat__", 200, Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (s3 != null) s3.close();
        if (postgres != null) postgres.close();
    }

    @Test
    void nothingAcknowledgedIsLostWhenTheAppIsKilledUnderLoad() throws Exception {
        byte[] dump = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX).build();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < 16; t++) {
                futures.add(clients.submit(() -> {
                    while (!killed.get()) {
                        try {
                            AppProcess.Answer a = app.submit(dump, Map.of("ProductName", "KillTest", "Version", "1.0",
                                    // Distinct content: the collector answers a repeat with the earlier id.
                                    "Comments", java.util.UUID.randomUUID().toString()));
                            if (a.status() == 200 && a.body().startsWith("CrashID=bp-")) {
                                acknowledged.add(AppProcess.crashId(a));
                            }
                        } catch (IOException cutOff) {
                            // the app died under this request: not acknowledged, so the client would retry
                        }
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.size() < 300 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            new ProcessBuilder("kill", "-9", Long.toString(app.pid())).inheritIO().start().waitFor();
            killed.set(true);
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        assertTrue(acknowledged.size() >= 300, "only " + acknowledged.size() + " crashes acknowledged before the kill");

        MinioClient minio = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey())
                .build();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(postgres.jdbcUrl());
        ds.setUser(postgres.user());
        ds.setPassword(postgres.password());
        List<String> lost = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM crash_queue WHERE crash_id = ? AND lane = 'STANDARD'")) {
            for (String id : acknowledged) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) != 1) {
                        lost.add(id + " (not queued)");
                    }
                }
                for (String key : List.of(CrashKeys.rawCrash(id), CrashKeys.dump(id, "upload_file_minidump"))) {
                    try {
                        minio.statObject(StatObjectArgs.builder().bucket("breakwater-crashes").object(key).build());
                    } catch (Exception e) {
                        lost.add(id + " (" + key + ": " + e.getMessage() + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), lost, acknowledged.size() + " acknowledged");
    }
}
