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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    static final Path SEGV = Path.of("..", "shared", "corpus", "generated", "segv", "crash.dmp");
    static final int CRASHES = 16;
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Path dataDir;
    static LocalServices services;
    static final List<Instance> instances = new ArrayList<>();
    static String adminToken;

    record Instance(String name, Process process, int port, Path log) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(JAR), "the packaged jar is missing (run in the verify phase)");
        dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "two-instances-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        services = LocalServices.start(ServiceConfig.fromMap(Map.of(ServiceConfig.DATA_DIR, dataDir.toString())));
        Map<String, String> props = services.properties();
        Map<String, String> env = new HashMap<>();
        env.put("BREAKWATER_DB_URL", props.get(LocalServices.DB_URL));
        env.put("BREAKWATER_DB_USER", props.get(LocalServices.DB_USER));
        env.put("BREAKWATER_DB_PASSWORD", props.get(LocalServices.DB_PASSWORD));
        env.put("BREAKWATER_S3_ENDPOINT", props.get(LocalServices.S3_ENDPOINT));
        env.put("BREAKWATER_S3_ACCESS_KEY", props.get(LocalServices.S3_ACCESS_KEY));
        env.put("BREAKWATER_S3_SECRET_KEY", props.get(LocalServices.S3_SECRET_KEY));
        env.put("BREAKWATER_ES_URL", props.get(LocalServices.ES_URL));
        instances.add(launch("a", env));
        instances.add(launch("b", env));
        for (Instance i : instances) {
            awaitStatus(i, "/__heartbeat__", 200, Duration.ofMinutes(4));
        }
        adminToken = adminToken(props);
    }

    @AfterAll
    static void stop() {
        for (Instance i : instances) {
            i.process().destroy();
        }
        for (Instance i : instances) {
            try {
                if (!i.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    i.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                i.process().destroyForcibly();
            }
        }
        if (services != null) {
            services.close();
        }
    }

    static Instance launch(String name, Map<String, String> env) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dataDir.resolve("instance-" + name + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dbreakwater.data-dir=" + dataDir.resolve("instance-" + name),
                "-Dbreakwater.jobs.tick=1s", "-Dbreakwater.processor.poll-interval=200ms",
                "-jar", JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("BREAKWATER_") || k.startsWith("QUARKUS_"));
        builder.environment().putAll(env);
        return new Instance(name, builder.start(), port, log);
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
            ids.add(submit(instances.get(n % 2), product, dump));
        }
        for (Instance from : instances) {
            awaitTotal(from, product, CRASHES, Duration.ofMinutes(4));
        }
        long processed = 0;
        for (Instance i : instances) {
            JsonNode stats = get(i, "/api/internal/processor-stats", true);
            processed += stats.path("processed").asLong();
        }
        assertEquals(CRASHES, processed, "the two processors processed each crash once between them");
        for (String id : ids) {
            JsonNode crash = get(instances.get(1), "/api/ProcessedCrash?crash_id=" + id, false);
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
                "SELECT count(*) FROM job_run WHERE outcome <> 'ok'"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertEquals(0, rs.getInt(1), "no job failed");
        }
    }

    private static String submit(Instance to, String product, byte[] dump) throws Exception {
        String boundary = "----bw" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        for (String[] field : List.of(new String[] {"ProductName", product}, new String[] {"Version", "1.0"})) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"upload_file_minidump\"; "
                + "filename=\"crash.dmp\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(dump);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(to.uri("/submit"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("CrashID=bp-"), r.body());
        return r.body().strip().substring("CrashID=bp-".length());
    }

    private static void awaitTotal(Instance on, String product, int total, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            checkAlive();
            JsonNode r = get(on, "/api/SuperSearch?product=" + product + "&_results_number=0", false);
            last = r.path("total").asLong();
            if (last == total) {
                return;
            }
            Thread.sleep(500);
        }
        fail("instance " + on.name() + " finds " + last + " of " + total + " crashes");
    }

    private static JsonNode get(Instance on, String path, boolean admin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(on.uri(path)).timeout(Duration.ofSeconds(30));
        if (admin) {
            request.header("Auth-Token", adminToken);
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return MAPPER.readTree(r.body());
    }

    private static void awaitStatus(Instance on, String path, int status, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            checkAlive();
            try {
                if (HTTP.send(HttpRequest.newBuilder(on.uri(path)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == status) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        fail("instance " + on.name() + " did not answer " + path + " with " + status + "; log:\n" + tail(on.log()));
    }

    private static void checkAlive() throws IOException {
        for (Instance i : instances) {
            if (!i.process().isAlive()) {
                fail("instance " + i.name() + " exited with " + i.process().exitValue() + "; log:\n" + tail(i.log()));
            }
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
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
