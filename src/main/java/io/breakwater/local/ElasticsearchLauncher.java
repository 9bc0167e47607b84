package io.breakwater.local;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs an Elasticsearch 8.19 node from the home the build assembles ({@code target/elasticsearch}, see
 * pom.xml and src/elasticsearch-shims), with its data, logs and settings under a directory of ours. The
 * node reads its settings from stdin and exits when stdin closes, so it cannot outlive this JVM for long.
 */
public final class ElasticsearchLauncher {

    /** The node refuses to run as root; as root it runs as this system user (created on first use). */
    public static final String SYSTEM_USER = "breakwater-es";
    public static final String HEAP = "512m";

    private static final Logger LOG = Logger.getLogger(ElasticsearchLauncher.class);
    private static final String SERVER_ARGS_JAR = "launcher/breakwater-server-args.jar";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private ElasticsearchLauncher() {
    }

    /** A running node; {@link #close()} stops it (SIGTERM, then SIGKILL after a timeout). */
    public record Running(String url, int httpPort, Process process, Path dir) implements AutoCloseable {
        @Override
        public void close() {
            stop(process);
        }

        @Override
        public String toString() {
            return "Elasticsearch at " + url + " (pid " + process.pid() + ")";
        }
    }

    /**
     * The assembled node home: {@code breakwater.es.home} / {@code BREAKWATER_ES_HOME} if set, else an
     * {@code elasticsearch} directory next to (or above) where this class was loaded from, e.g.
     * {@code target/classes} or {@code target/quarkus-app/app/*.jar} → {@code target/elasticsearch}.
     */
    public static Path locateHome() {
        String configured = Optional.ofNullable(System.getProperty("breakwater.es.home"))
                .orElse(System.getenv("BREAKWATER_ES_HOME"));
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured).toAbsolutePath().normalize();
            if (!isHome(home)) {
                throw new IllegalStateException("breakwater.es.home=" + home + " is not an assembled Elasticsearch home"
                        + " (no " + SERVER_ARGS_JAR + ")");
            }
            return home;
        }
        List<Path> tried = new ArrayList<>();
        for (Path start : searchStarts()) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                for (Path candidate : List.of(dir.resolve("elasticsearch"), dir.resolve("target").resolve("elasticsearch"))) {
                    if (isHome(candidate)) {
                        return candidate.toAbsolutePath().normalize();
                    }
                    tried.add(candidate);
                }
            }
        }
        throw new IllegalStateException("No assembled Elasticsearch home found (build with ./mvnw package, or set"
                + " BREAKWATER_ES_HOME, or configure an external node with BREAKWATER_ES_URL). Looked at " + tried);
    }

    private static List<Path> searchStarts() {
        List<Path> starts = new ArrayList<>();
        try {
            CodeSource source = ElasticsearchLauncher.class.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null && "file".equals(source.getLocation().getProtocol())) {
                starts.add(Path.of(source.getLocation().toURI()).toAbsolutePath());
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException ignored) {
            // fall back to the working directory
        }
        starts.add(Path.of("").toAbsolutePath());
        return starts;
    }

    private static boolean isHome(Path dir) {
        return Files.isRegularFile(dir.resolve(SERVER_ARGS_JAR)) && Files.isDirectory(dir.resolve("lib"))
                && Files.isDirectory(dir.resolve("modules"));
    }

    /**
     * Starts a node with everything it writes under {@code dir} ({@code data/ logs/ tmp/ config/}), its
     * console output appended to {@code logFile}, and waits until the cluster is at least yellow.
     */
    public static Running start(Path home, Path dir, Path logFile) throws IOException {
        dir = dir.toAbsolutePath().normalize();
        // The other launchers may be creating the data dir at this moment; make sure it exists first.
        Files.createDirectories(dir);
        if (isRoot() && !traversableByOthers(dir.getParent())) {
            dir = relocatedNodeDir(dir);
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(logFile.getParent());
        Path pidFile = dir.resolve("node.pid");
        refuseIfStillRunning(pidFile, dir);
        Path portsFile = logs.resolve("http.ports");
        Files.deleteIfExists(portsFile);
        Files.deleteIfExists(logs.resolve("transport.ports"));
        writeLoggingConfig(config);

        if (isRoot()) {
            // Settings written below name the home, so pick the copy the system user can read first.
            ensureSystemUser();
            home = homeReadableBy(home, dir);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path serverArgs = dir.resolve("server-args.bin");
        writeServerArgs(java, home, config, pidFile, serverArgs, Map.ofEntries(
                Map.entry("cluster.name", "breakwater"),
                Map.entry("node.name", "breakwater-local"),
                Map.entry("path.data", data.toString()),
                Map.entry("path.logs", logs.toString()),
                Map.entry("network.host", "127.0.0.1"),
                // Port 0: the OS picks; the node reports the real one in logs/http.ports.
                Map.entry("http.port", "0"),
                Map.entry("transport.port", "0"),
                Map.entry("discovery.type", "single-node"),
                Map.entry("node.portsfile", "true"),
                Map.entry("action.destructive_requires_name", "false"),
                Map.entry("cluster.routing.allocation.disk.threshold_enabled", "false")));

        List<String> command = new ArrayList<>();
        if (isRoot()) {
            requireTraversable(dir);
            chown(dir, false);
            for (Path sub : List.of(data, logs, tmp, config)) {
                chown(sub, !ownedBySystemUser(sub));
            }
            command.addAll(List.of("setpriv", "--reuid=" + SYSTEM_USER, "--regid=" + SYSTEM_USER, "--init-groups",
                    "--inh-caps=-all", "--"));
        }
        Path bridge = findBridgeJar(home);
        command.addAll(List.of(java.toString(),
                "-Xms" + HEAP, "-Xmx" + HEAP,
                "-Des.path.home=" + home,
                "-Des.path.conf=" + config,
                "-Des.distribution.type=tar",
                "-Djava.io.tmpdir=" + tmp,
                "-Djdk.attach.allowAttachSelf=true",
                "-XX:+EnableDynamicAgentLoading",
                "-XX:+UseSerialGC",
                "--patch-module=java.base=" + bridge,
                "--add-exports=java.base/org.elasticsearch.entitlement.bridge=org.elasticsearch.entitlement,"
                        + "java.logging,java.net.http,java.naming,jdk.net",
                "--add-modules=jdk.net",
                "--add-modules=ALL-MODULE-PATH",
                "--enable-native-access=org.elasticsearch.nativeaccess,org.apache.lucene.core",
                "--module-path", home.resolve("lib").toString(),
                "-m", "org.elasticsearch.server/org.elasticsearch.bootstrap.Elasticsearch"));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().put("ES_TMPDIR", tmp.toString());
        pb.environment().put("LIBFFI_TMPDIR", tmp.toString());
        Process process = pb.start();
        try {
            // The node reads its settings from stdin and stops at EOF: the pipe stays open while it runs.
            OutputStream stdin = process.getOutputStream();
            stdin.write(Files.readAllBytes(serverArgs));
            stdin.flush();
            int port = awaitReady(process, portsFile, logFile);
            return new Running("http://127.0.0.1:" + port, port, process, dir);
        } catch (IOException | RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    private static void writeLoggingConfig(Path config) throws IOException {
        Files.writeString(config.resolve("log4j2.properties"), """
                status = error
                appender.console.type = Console
                appender.console.name = console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = [%d{ISO8601}][%-5p][%c{1.}] %m%n
                rootLogger.level = info
                rootLogger.appenderRef.console.ref = console
                """, StandardCharsets.UTF_8);
    }

    /** Serialises the settings with Elasticsearch's own classes, in a short-lived JVM. */
    private static void writeServerArgs(Path java, Path home, Path config, Path pidFile, Path output,
                                        Map<String, String> settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", home.resolve("lib") + "/*:" + home.resolve(SERVER_ARGS_JAR),
                "io.breakwater.esshim.ServerArgsWriter",
                home.toString(), config.toString(), pidFile.toString(), output.toString()));
        settings.forEach((k, v) -> command.add(k + "=" + v));
        Files.deleteIfExists(output);
        ProcessResult result = run(command, Duration.ofSeconds(60));
        if (result.exitCode() != 0 || !Files.isRegularFile(output)) {
            throw new IOException("Could not write the Elasticsearch server arguments (exit " + result.exitCode()
                    + "): " + result.output());
        }
    }

    private static int awaitReady(Process process, Path portsFile, Path logFile) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int port = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Elasticsearch exited with code " + process.exitValue() + " during startup; see "
                        + logFile);
            }
            if (port < 0) {
                port = readPort(portsFile);
            }
            if (port > 0 && isHealthy(http, port)) {
                return port;
            }
            sleep(port > 0 ? 250 : 100);
        }
        throw new IOException("Elasticsearch was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + logFile);
    }

    private static int readPort(Path portsFile) throws IOException {
        if (!Files.isRegularFile(portsFile)) {
            return -1;
        }
        // One "host:port" per line; the node writes the file once the HTTP server is bound.
        for (String line : Files.readAllLines(portsFile, StandardCharsets.UTF_8)) {
            int colon = line.lastIndexOf(':');
            if (colon > 0) {
                try {
                    return Integer.parseInt(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    return -1; // partly written; read again
                }
            }
        }
        return -1;
    }

    /** Health by {@code /_cluster/health}: this node has no {@code GET /}. */
    static boolean isHealthy(HttpClient http, int port) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return response.statusCode() == 200
                    && (body.contains("\"status\":\"green\"") || body.contains("\"status\":\"yellow\""));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: the node shuts down gracefully
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warnf("Elasticsearch (pid %d) did not stop within %d s; killing it", process.pid(),
                        STOP_TIMEOUT.toSeconds());
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the process is gone; nothing to flush
        }
    }

    /** A node left over from a crashed run still holds the data directory lock; say so instead of failing later. */
    private static void refuseIfStillRunning(Path pidFile, Path dir) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile, StandardCharsets.UTF_8).trim();
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            Files.deleteIfExists(pidFile);
            return;
        }
        Optional<ProcessHandle> old = ProcessHandle.of(pid);
        boolean isNode = old.filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().commandLine())
                .map(cmd -> cmd.contains("org.elasticsearch.server"))
                .orElse(false);
        if (isNode) {
            throw new IOException("An Elasticsearch node (pid " + pid + ") is still running on " + dir
                    + "; stop it or use another data directory");
        }
        Files.deleteIfExists(pidFile);
    }

    private static Path findBridgeJar(Path home) throws IOException {
        try (Stream<Path> jars = Files.list(home.resolve("lib").resolve("entitlement-bridge"))) {
            return jars.filter(p -> p.getFileName().toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IOException("No entitlement bridge jar in " + home));
        }
    }

    static boolean isRoot() {
        return ProcessUser.isRoot();
    }

    private static void ensureSystemUser() throws IOException {
        if (run(List.of("id", "-u", SYSTEM_USER), Duration.ofSeconds(10)).exitCode() == 0) {
            return;
        }
        ProcessResult created = run(List.of("useradd", "--system", "--user-group", "--no-create-home",
                "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", SYSTEM_USER), Duration.ofSeconds(30));
        // 9: created meanwhile by another process.
        if (created.exitCode() != 0 && created.exitCode() != 9) {
            throw new IOException("Could not create system user " + SYSTEM_USER + " for Elasticsearch: "
                    + created.output());
        }
        LOG.infof("Created system user %s to run Elasticsearch (it refuses to run as root)", SYSTEM_USER);
    }

    private static boolean ownedBySystemUser(Path path) throws IOException {
        return SYSTEM_USER.equals(Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName());
    }

    private static void chown(Path path, boolean recursive) throws IOException {
        List<String> command = new ArrayList<>(List.of("chown"));
        if (recursive) {
            command.add("-R");
        }
        command.add(SYSTEM_USER + ":" + SYSTEM_USER);
        command.add(path.toString());
        ProcessResult result = run(command, Duration.ofMinutes(5));
        if (result.exitCode() != 0) {
            throw new IOException("Could not hand " + path + " to " + SYSTEM_USER + ": " + result.output());
        }
    }

    /**
     * The system user must read the home. If it sits under a directory closed to others (e.g. /root), use a
     * copy inside the node's directory, refreshed when the build's home changes.
     */
    private static Path homeReadableBy(Path home, Path dir) throws IOException {
        if (traversableByOthers(home)) {
            return home;
        }
        Path copy = dir.resolve("home");
        Path stamp = copy.resolve(".source");
        String source = home + "\n" + fingerprint(home);
        if (Files.isRegularFile(stamp) && Files.readString(stamp, StandardCharsets.UTF_8).equals(source)) {
            return copy;
        }
        LOG.infof("Copying the Elasticsearch home to %s (%s is not readable by %s)", copy, home, SYSTEM_USER);
        LocalServicesFiles.deleteTree(copy);
        LocalServicesFiles.copyTree(home, copy);
        Files.writeString(stamp, source, StandardCharsets.UTF_8);
        return copy;
    }

    /**
     * As root with the data dir under a directory closed to other users (e.g. a clone under /root), the
     * node's own files move to a per-data-dir folder the system user can reach; the same data dir always
     * maps to the same folder, so the index data still survives restarts. A note in the data dir says where.
     */
    private static Path relocatedNodeDir(Path dir) throws IOException {
        String key;
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(dir.toString().getBytes(StandardCharsets.UTF_8));
            key = java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        Path base = Path.of("/var/lib/breakwater-es");
        Path relocated = Files.createDirectories(base.resolve(key));
        Files.setPosixFilePermissions(base, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("RELOCATED"), "Elasticsearch files of this data directory live in "
                + relocated + " because " + SYSTEM_USER + " cannot reach this directory.\n", StandardCharsets.UTF_8);
        LOG.infof("Elasticsearch node files for %s live in %s (%s cannot reach the data directory)",
                dir, relocated, SYSTEM_USER);
        return relocated;
    }

    private static String fingerprint(Path home) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                sb.append(home.relativize(p)).append(' ').append(Files.size(p)).append(' ')
                        .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
            }
        }
        return Integer.toHexString(sb.toString().hashCode());
    }

    private static void requireTraversable(Path dir) throws IOException {
        if (!traversableByOthers(dir.getParent())) {
            throw new IOException("Elasticsearch runs as " + SYSTEM_USER + ", which cannot reach " + dir
                    + " (a parent directory is closed to other users). Choose a data directory outside it"
                    + " (-Dbreakwater.data-dir / BREAKWATER_DATA_DIR) or configure BREAKWATER_ES_URL.");
        }
    }

    /** Every directory from the root down to {@code path} lets other users pass through. */
    private static boolean traversableByOthers(Path path) throws IOException {
        for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    private record ProcessResult(int exitCode, String output) {
    }

    private static ProcessResult run(List<String> command, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            byte[] out;
            // Output is small for every command run here; read it fully, then wait.
            out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("Timed out: " + String.join(" ", command));
            }
            return new ProcessResult(p.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + String.join(" ", command), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("Interrupted while waiting for Elasticsearch"));
        }
    }
}
