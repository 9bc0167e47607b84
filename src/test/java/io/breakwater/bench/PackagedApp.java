package io.breakwater.bench;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) as a child process for benchmarks:
 * loopback only, a free port, its own temporary data directory (embedded PostgreSQL, s3proxy, Elasticsearch
 * live there), and a sampler of the memory of the whole process tree. {@link #close()} stops everything it
 * started and deletes the data directory.
 */
final class PackagedApp implements AutoCloseable {

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final TreeSampler sampler;
    private Thread hook;
    private boolean closed;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Path jar;
    private String adminToken;

    private PackagedApp(Process process, Path dataDir, Path log, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
        this.sampler = new TreeSampler(process.toHandle(), dataDir.toString());
    }

    /** Starts the jar with the given system properties (besides port, host and data directory). */
    static PackagedApp start(Path jar, Map<String, String> properties, List<String> jvmOptions) throws IOException {
        // Readable by others: the embedded search node may run as its own system user.
        Path dataDir = Files.createTempDirectory("breakwater-e2e-bench-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        // Created here: the application's search launcher inspects it while the others may still be creating it.
        Files.createDirectories(dataDir.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        int port = freePort();
        Path log = dataDir.resolve("app.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dbreakwater.data-dir=" + dataDir.resolve("data"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Only the embedded services: ignore external ones configured in this shell.
        builder.environment().keySet().removeIf(k -> k.startsWith("BREAKWATER_") || k.startsWith("QUARKUS_"));
        PackagedApp app = new PackagedApp(builder.start(), dataDir, log, port);
        app.jar = jar;
        app.sampler.start();
        // Interrupted runs (Ctrl-C, a failing assertion of the caller) must not leave the services behind.
        app.hook = new Thread(() -> {
            try {
                app.close();
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "packaged-app-stop");
        Runtime.getRuntime().addShutdownHook(app.hook);
        return app;
    }

    /**
     * An API token with the admin permission, made once through the jar's {@code admin} command line (which
     * joins the running server's database).
     */
    synchronized String adminToken() throws IOException, InterruptedException {
        if (adminToken == null) {
            adminToken = createAdminToken(jar, dataDir);
        }
        return adminToken;
    }

    /** A fresh admin token for the server running on {@code dataDir}'s {@code data} folder. */
    static String createAdminToken(Path jar, Path dataDir) throws IOException, InterruptedException {
        String email = "bench@breakwater.invalid";
        admin(jar, dataDir, "create-user", "--email", email, "--superuser", "--no-password");
        return admin(jar, dataDir, "create-token", "--email", email, "--permission", "admin", "--note", "benchmark",
                "--days", "1").strip();
    }

    private static String admin(Path jar, Path dataDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dbreakwater.data-dir=" + dataDir.resolve("data"), "-jar", jar.toString(), "admin"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().keySet().removeIf(k -> k.startsWith("BREAKWATER_") || k.startsWith("QUARKUS_"));
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("admin " + String.join(" ", args) + " failed: " + err);
        }
        return out;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the readiness check, failing early when the process dies. */
    void awaitReady(Duration limit) throws Exception {
        awaitStatus("/q/health/ready", 200, limit);
    }

    /** Polls a GET until it answers {@code status}. */
    void awaitStatus(String path, int status, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            checkAlive();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.statusCode();
                if (last == status) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(path + " did not answer " + status + " within " + limit + " (last " + last
                + "); last log lines:\n" + tail(40));
    }

    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("application exited with " + process.exitValue() + "; last log lines:\n" + tail(40));
        }
    }

    /** CPU seconds used so far: the application JVM under "application", each service under its command name. */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new TreeMap<>();
        cpu.put("application", cpuSeconds(process.pid()));
        for (ProcessHandle service : sampler.services()) {
            String command = service.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
            String name = command.equals("java") ? "elasticsearch" : command;
            cpu.merge(name, cpuSeconds(service.pid()), Double::sum);
        }
        return cpu;
    }

    /** User plus system CPU time of a process so far, from /proc/&lt;pid&gt;/stat (0 when gone). */
    static double cpuSeconds(long pid) {
        return clockTicks(pid, true, true) / 100.0;
    }

    /** The kernel's part of {@link #cpuSeconds}: system calls, page faults, the network stack. */
    static double systemCpuSeconds(long pid) {
        return clockTicks(pid, false, true) / 100.0;
    }

    private static long clockTicks(long pid, boolean user, boolean system) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces: utime, then stime.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (user ? Long.parseLong(f[11]) : 0) + (system ? Long.parseLong(f[12]) : 0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Peak RSS (VmHWM) of the application JVM, in bytes; -1 when unknown. */
    long appPeakRss() {
        return statusValue(process.pid(), "VmHWM").orElse(-1L);
    }

    /** Highest summed RSS of the whole tree seen by the sampler (every 200 ms). */
    long treePeakRss() {
        return sampler.peak;
    }

    /** Peak RSS of the services the application started, one line per command. */
    List<String> servicesPeakRss() {
        return sampler.servicesPeak();
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Log lines containing {@code text}. */
    List<String> logLines(String text) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (closed) return;
        closed = true;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: this call does the work
            }
        }
        sampler.stop();
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.addAll(sampler.services());
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        // Whatever the application did not stop itself was started for us: ours to end.
        for (ProcessHandle child : tree) {
            if (child.isAlive()) child.destroyForcibly();
        }
        deleteTree(dataDir);
    }

    /**
     * The application and its services: every process below it, plus those detached from it that run on its
     * data directory (PostgreSQL daemonizes). Summed RSS sampled every 200 ms; per-service peaks from VmHWM.
     */
    private static final class TreeSampler {
        private final ProcessHandle root;
        private final String dataDir;
        private final Map<Long, String> names = new ConcurrentHashMap<>();
        private final Map<Long, Long> lastHwm = new ConcurrentHashMap<>();
        private volatile long peak;
        private volatile boolean running = true;
        private Thread thread;

        TreeSampler(ProcessHandle root, String dataDir) {
            this.root = root;
            this.dataDir = dataDir;
        }

        List<ProcessHandle> services() {
            Map<Long, ProcessHandle> all = new TreeMap<>();
            root.descendants().forEach(p -> all.put(p.pid(), p));
            ProcessHandle.allProcesses()
                    .filter(p -> p.pid() != root.pid() && !all.containsKey(p.pid()) && cmdline(p.pid()).contains(dataDir))
                    .forEach(p -> {
                        all.put(p.pid(), p);
                        p.descendants().forEach(d -> all.put(d.pid(), d));
                    });
            return new ArrayList<>(all.values());
        }

        void start() {
            thread = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
                int round = 0;
                List<ProcessHandle> services = List.of();
                while (running) {
                    // Listing every process is costly on a loaded box: refresh the service list every 2 s.
                    if (round++ % 10 == 0) services = services();
                    long total = statusValue(root.pid(), "VmRSS").orElse(0L);
                    for (ProcessHandle p : services) {
                        total += statusValue(p.pid(), "VmRSS").orElse(0L);
                        names.computeIfAbsent(p.pid(), pid -> name(p));
                        statusValue(p.pid(), "VmHWM").ifPresent(h -> lastHwm.merge(p.pid(), h, Math::max));
                    }
                    peak = Math.max(peak, total);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void stop() {
            running = false;
            if (thread != null) thread.interrupt();
        }

        List<String> servicesPeak() {
            Map<String, long[]> byName = new TreeMap<>();
            lastHwm.forEach((pid, hwm) -> {
                long[] agg = byName.computeIfAbsent(names.getOrDefault(pid, "?"), k -> new long[3]);
                agg[0]++;
                agg[1] += hwm;
                agg[2] = Math.max(agg[2], hwm);
            });
            List<String> lines = new ArrayList<>();
            byName.forEach((name, agg) -> lines.add(String.format(Locale.ROOT,
                    "%-12s %3d process(es): largest peak %s, peaks summed %s", name, agg[0], mb(agg[2]), mb(agg[1]))));
            return lines;
        }

        private static String name(ProcessHandle p) {
            String cmd = cmdline(p.pid());
            if (cmd.contains("org.elasticsearch.server")) return "elasticsearch";
            if (cmd.contains("s3proxy")) return "s3proxy";
            String command = p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
            return command.equals("java") ? "java " + javaMain(cmd.split("\0")) : command;
        }

        /** A Java process by its main class, module or jar rather than "java". */
        private static String javaMain(String[] args) {
            List<String> takesValue = List.of("-cp", "-classpath", "--class-path", "-p", "--module-path",
                    "--add-modules", "--add-opens", "--add-exports", "--add-reads");
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (takesValue.contains(a)) {
                    i++;
                } else if (a.equals("-jar") || a.equals("-m") || a.equals("--module")) {
                    return i + 1 < args.length ? shortName(args[i + 1]) : "?";
                } else if (!a.startsWith("-")) {
                    return shortName(a);
                }
            }
            return "?";
        }

        private static String shortName(String s) {
            String tail = s.substring(s.lastIndexOf('/') + 1);
            return tail.endsWith(".jar") ? tail : tail.substring(tail.lastIndexOf('.') + 1);
        }
    }

    static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A kB value from /proc/&lt;pid&gt;/status, in bytes. */
    static Optional<Long> statusValue(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(key + ":")) {
                    return Optional.of(Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // process gone or not Linux
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
