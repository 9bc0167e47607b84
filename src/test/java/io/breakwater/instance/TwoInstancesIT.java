package io.breakwater.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.access.Permission;
import io.breakwater.auth.Account;
import io.breakwater.auth.AccountStore;
import io.breakwater.auth.TokenStore;
import io.breakwater.local.LocalServices;
import io.breakwater.local.ServiceConfig;
import io.breakwater.minidump.Cpu;
import io.breakwater.minidump.synth.SynthMinidump;
import io.breakwater.testsupport.AppProcess;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Scale-out on shared services: two packaged instances (the jar the build just made) against one
 * PostgreSQL, one object store and one Elasticsearch, started here. Crashes submitted to both are
 * processed exactly once and are searchable from either; a job asked to run is run by one instance.
 */
class TwoInstancesIT {

    static final Path SEGV = Path.of("..", "shared", "corpus", "generated", "segv", "crash.dmp");
    static final int CRASHES = 16;
    static final ObjectMapper MAPPER = new ObjectMapper();

    static Path dataDir;
    static LocalServices services;
    static final List<AppProcess> instances = new ArrayList<>();
    static String adminToken;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(AppProcess.JAR), "the packaged jar is missing (run in the verify phase)");
        dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "two-instances-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        services = LocalServices.start(ServiceConfig.fromMap(Map.of(ServiceConfig.DATA_DIR, dataDir.toString())));
        Map<String, String> props = services.properties();
        Map<String, String> env = new java.util.HashMap<>();
        env.put("BREAKWATER_DB_URL", props.get(LocalServices.DB_URL));
        env.put("BREAKWATER_DB_USER", props.get(LocalServices.DB_USER));
        env.put("BREAKWATER_DB_PASSWORD", props.get(LocalServices.DB_PASSWORD));
        env.put("BREAKWATER_S3_ENDPOINT", props.get(LocalServices.S3_ENDPOINT));
        env.put("BREAKWATER_S3_ACCESS_KEY", props.get(LocalServices.S3_ACCESS_KEY));
        env.put("BREAKWATER_S3_SECRET_KEY", props.get(LocalServices.S3_SECRET_KEY));
        env.put("BREAKWATER_ES_URL", props.get(LocalServices.ES_URL));
        Map<String, String> properties = Map.of("breakwater.jobs.tick", "1s", "breakwater.processor.poll-interval", "200ms");
        instances.add(AppProcess.start("a", dataDir, env, properties));
        instances.add(AppProcess.start("b", dataDir, env, properties));
        for (AppProcess i : instances) {
            i.awaitStatus("/__heartbeat__", 200, Duration.ofMinutes(4));
        }
        adminToken = adminToken(props);
    }

    @AfterAll
    static void stop() {
        instances.forEach(AppProcess::close);
        if (services != null) {
            services.close();
        }
    }

    static String adminToken(Map<String, String> props) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(props.get(LocalServices.DB_URL));
        ds.setUser(props.get(LocalServices.DB_USER));
        ds.setPassword(props.get(LocalServices.DB_PASSWORD));
        Account admin = new AccountStore(ds).create("ops-" + UUID.randomUUID() + "@test.example", "ops", null, true);
        return new TokenStore(ds).create(admin.id(), Permission.all(), "two instances",
                Instant.now().plus(Duration.ofHours(1))).secret();
    }

    @Test
    void crashesSubmittedToBothAreProcessedOnceAndSearchableFromEither() throws Exception {
        byte[] dump = Files.isRegularFile(SEGV) ? Files.readAllBytes(SEGV)
                : SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX).build();
        String product = "ScaleOut" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < CRASHES; n++) {
            ids.add(AppProcess.crashId(instances.get(n % 2).submit(dump, Map.of("ProductName", product, "Version", "1.0"))));
        }
        for (AppProcess from : instances) {
            awaitTotal(from, product, CRASHES, Duration.ofMinutes(4));
        }
        long processed = 0;
        for (AppProcess i : instances) {
            JsonNode stats = i.json("/api/internal/processor-stats", adminToken);
            processed += stats.path("processed").asLong();
        }
        assertEquals(CRASHES, processed, "the two processors processed each crash once between them");
        for (String id : ids) {
            JsonNode crash = instances.get(1).json("/api/ProcessedCrash?crash_id=" + id, null);
            assertEquals(0, crash.path("processor_history").size(), id + " was processed once");
        }
    }

    @Test
    void aJobAskedToRunRunsOnOneInstance() throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(services.properties().get(LocalServices.DB_URL));
        ds.setUser(services.properties().get(LocalServices.DB_USER));
        ds.setPassword(services.properties().get(LocalServices.DB_PASSWORD));
        // Both instances tick every second; wait until both created the job rows, then ask for every job.
        awaitRows(ds, "SELECT count(*) FROM job_state", 7, Duration.ofSeconds(60));
        execute(ds, "UPDATE job_state SET requested_at = now()");
        awaitRows(ds, "SELECT count(*) FROM job_state WHERE requested_at IS NULL AND running_owner IS NULL", 7,
                Duration.ofMinutes(3));
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name, count(*), count(DISTINCT owner) FROM job_run GROUP BY name");
             ResultSet rs = ps.executeQuery()) {
            int jobs = 0;
            while (rs.next()) {
                jobs++;
                assertEquals(1, rs.getInt(2), "job " + rs.getString(1) + " ran once for the request");
                assertEquals(1, rs.getInt(3));
            }
            assertTrue(jobs >= 7, "every job ran");
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name, outcome, summary FROM job_run WHERE outcome <> 'ok'"); ResultSet rs = ps.executeQuery()) {
            List<String> failed = new ArrayList<>();
            while (rs.next()) {
                failed.add(rs.getString(1) + " " + rs.getString(2) + ": " + rs.getString(3));
            }
            assertEquals(List.of(), failed, "no job failed");
        }
    }

    private static void awaitTotal(AppProcess on, String product, int total, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            checkAlive();
            last = on.json("/api/SuperSearch?product=" + product + "&_results_number=0", null).path("total").asLong();
            if (last == total) {
                return;
            }
            Thread.sleep(500);
        }
        fail("instance " + on.name() + " finds " + last + " of " + total + " crashes");
    }

    private static void checkAlive() throws IOException {
        for (AppProcess i : instances) {
            i.checkAlive();
        }
    }

    private static void awaitRows(PGSimpleDataSource ds, String countSql, int atLeast, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            checkAlive();
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(countSql);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                last = rs.getInt(1);
            }
            if (last >= atLeast) {
                return;
            }
            Thread.sleep(500);
        }
        fail(countSql + " gave " + last + ", expected at least " + atLeast);
    }

    private static void execute(PGSimpleDataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }
}
