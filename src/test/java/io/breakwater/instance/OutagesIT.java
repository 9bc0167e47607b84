package io.breakwater.instance;

import io.breakwater.local.ElasticsearchLauncher;
import io.breakwater.local.EmbeddedPostgresLauncher;
import io.breakwater.local.S3ProxyLauncher;
import io.breakwater.minidump.Cpu;
import io.breakwater.minidump.synth.SynthMinidump;
import io.breakwater.testsupport.AppProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.ds.PGSimpleDataSource;

import java.net.http.HttpTimeoutException;
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
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged application while its real services go away and come back: Elasticsearch stopped
 * (SIGSTOP) for 60 s while crashes arrive, object storage shut down, PostgreSQL restarted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutagesIT {

    static final Path SEGV = Path.of("..", "shared", "corpus", "generated", "segv", "crash.dmp");

    static Path work;
    static EmbeddedPostgresLauncher.Running postgres;
    static S3ProxyLauncher.Running s3;
    static int s3Port;
    static ElasticsearchLauncher.Running elasticsearch;
    static AppProcess app;
    static byte[] dump;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(AppProcess.JAR), "the packaged jar is missing (run in the verify phase)");
        work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "outages-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        postgres = EmbeddedPostgresLauncher.start(work.resolve("postgres"), work.resolve("postgres.log"));
        s3 = S3ProxyLauncher.start(work.resolve("s3"));
        s3Port = Integer.parseInt(s3.endpoint().substring(s3.endpoint().lastIndexOf(':') + 1));
        elasticsearch = ElasticsearchLauncher.start(ElasticsearchLauncher.locateHome(), work.resolve("es"),
                work.resolve("es.log"));
        app = AppProcess.start("outages", work, Map.of(
                "BREAKWATER_DB_URL", postgres.jdbcUrl(), "BREAKWATER_DB_USER", postgres.user(),
                "BREAKWATER_DB_PASSWORD", postgres.password(),
                "BREAKWATER_S3_ENDPOINT", s3.endpoint(), "BREAKWATER_S3_ACCESS_KEY", s3.accessKey(),
                "BREAKWATER_S3_SECRET_KEY", s3.secretKey(), "BREAKWATER_ES_URL", elasticsearch.url()),
                Map.of("breakwater.processor.poll-interval", "200ms", "breakwater.search.catch-up.interval", "2s",
                        "breakwater.search.unavailable-cool-down", "2s"));
        app.awaitStatus("/__heartbeat__", 200, Duration.ofMinutes(4));
        dump = Files.isRegularFile(SEGV) ? Files.readAllBytes(SEGV)
                : SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX).build();
    }

    @AfterAll
    static void stop() {
        if (elasticsearch != null) {
            signal(elasticsearch.process().pid(), "CONT");
        }
        if (app != null) app.close();
        if (elasticsearch != null) elasticsearch.close();
        if (s3 != null) s3.close();
        if (postgres != null) postgres.close();
    }

    @Test
    @Order(1)
    void searchDownForAMinuteWhileCrashesArrive() throws Exception {
        String product = "SearchOutage" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        signal(elasticsearch.process().pid(), "STOP");
        try {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int heartbeats = 0;
            while (System.nanoTime() < end) {
                ids.add(AppProcess.crashId(app.submit(dump, Map.of("ProductName", product, "Version", "1.0"))));
                if (ids.size() % 5 == 1) {
                    AppProcess.Answer heartbeat;
                    try {
                        heartbeat = app.get("/__heartbeat__", Duration.ofSeconds(2), null);
                    } catch (HttpTimeoutException e) {
                        throw new AssertionError("the heartbeat did not answer within 2 s while search was stopped");
                    }
                    assertEquals(500, heartbeat.status(), heartbeat.body());
                    assertTrue(heartbeat.body().contains("\"search\":\"error\""), heartbeat.body());
                    heartbeats++;
                }
                Thread.sleep(2000);
            }
            assertTrue(ids.size() >= 20 && heartbeats >= 4, ids.size() + " crashes, " + heartbeats + " heartbeats");
        } finally {
            signal(elasticsearch.process().pid(), "CONT");
        }
        awaitSearchable(product, ids.size(), Duration.ofMinutes(4));
        app.awaitStatus("/__heartbeat__", 200, Duration.ofMinutes(1));
    }

    @Test
    @Order(2)
    void storageDownMeansRetryLaterAndNothingHalfStored() throws Exception {
        long queuedBefore = queueRows();
        s3.close();
        try {
            for (int i = 0; i < 5; i++) {
                AppProcess.Answer a = app.submit(dump, Map.of("ProductName", "StorageOutage", "Version", "1.0"));
                assertEquals(503, a.status(), a.body());
                assertFalse(a.body().contains("CrashID="), "never acknowledged: " + a.body());
            }
            assertEquals(queuedBefore, queueRows(), "nothing was queued for crashes that were not stored");
        } finally {
            s3 = S3ProxyLauncher.start(work.resolve("s3"), s3Port);
        }
        String id = awaitAccepted("StorageOutage", Duration.ofMinutes(1));
        awaitSearchable("StorageOutage", 1, Duration.ofMinutes(2));
        assertTrue(app.get("/api/ProcessedCrash?crash_id=" + id, Duration.ofSeconds(10), null).status() == 200);
    }

    @Test
    @Order(3)
    void theDatabaseRestartsAndTheAppReconnects() throws Exception {
        int port = postgres.port();
        postgres.close();
        try {
            AppProcess.Answer a = app.submit(dump, Map.of("ProductName", "DatabaseOutage", "Version", "1.0"));
            assertEquals(503, a.status(), a.body());
            assertFalse(a.body().contains("CrashID="));
        } finally {
            postgres = EmbeddedPostgresLauncher.start(work.resolve("postgres"), work.resolve("postgres.log"), port);
        }
        awaitAccepted("DatabaseOutage", Duration.ofMinutes(1));
        awaitSearchable("DatabaseOutage", 1, Duration.ofMinutes(2));
        app.awaitStatus("/__heartbeat__", 200, Duration.ofMinutes(1));
    }

    private static String awaitAccepted(String product, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        AppProcess.Answer last = null;
        while (System.nanoTime() < deadline) {
            app.checkAlive();
            last = app.submit(dump, Map.of("ProductName", product, "Version", "1.0"));
            if (last.status() == 200) {
                return AppProcess.crashId(last);
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no crash accepted after the service came back; last answer " + last);
    }

    private static void awaitSearchable(String product, int count, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            app.checkAlive();
            AppProcess.Answer a = app.get("/api/SuperSearch?product=" + product + "&_results_number=0",
                    Duration.ofSeconds(30), null);
            if (a.status() == 200) {
                last = new com.fasterxml.jackson.databind.ObjectMapper().readTree(a.body()).path("total").asLong();
                if (last >= count) {
                    return;
                }
            }
            Thread.sleep(1000);
        }
        fail(count + " crashes of " + product + " expected in search, found " + last + "; log:\n" + app.tail());
    }

    private static long queueRows() throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(postgres.jdbcUrl());
        ds.setUser(postgres.user());
        ds.setPassword(postgres.password());
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM crash_queue"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed", e);
        }
    }
}
