package io.breakwater.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) as a child process, for
 * integration tests that need whole instances: started with the given environment and system
 * properties, talked to over HTTP, stopped with SIGTERM.
 */
public final class AppProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A plain HTTP answer. */
    public record Answer(int status, String body) {
    }

    /**
     * Starts an instance with {@code env} (BREAKWATER_* service URLs and the like; the caller's own
     * BREAKWATER_ and QUARKUS_ variables are dropped) and {@code properties}, logging to {@code workDir}.
     */
    public static AppProcess start(String name, Path workDir, Map<String, String> env, Map<String, String> properties)
            throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = workDir.resolve("instance-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dbreakwater.data-dir=" + workDir.resolve("instance-" + name)));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("BREAKWATER_") || k.startsWith("QUARKUS_"));
        builder.environment().putAll(env);
        return new AppProcess(name, builder.start(), port, log);
    }

    /** The JVM's process id, e.g. to send it a signal. */
    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Answer get(String path, Duration timeout, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(timeout);
        if (token != null) {
            request.header("Auth-Token", token);
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    public JsonNode json(String path, String token) throws IOException, InterruptedException {
        Answer a = get(path, Duration.ofSeconds(30), token);
        if (a.status() != 200) {
            throw new AssertionError(name + " " + path + " answered " + a.status() + ": " + a.body());
        }
        return MAPPER.readTree(a.body());
    }

    /**
     * POSTs a crash report (multipart, as Breakpad sends it) and returns the answer. Each call is a new crash:
     * a {@code TestSubmission} annotation makes it differ from the last, which the collector would otherwise
     * answer as a retry of the same crash.
     */
    public Answer submit(byte[] dump, Map<String, String> annotations) throws IOException, InterruptedException {
        Map<String, String> distinct = new java.util.LinkedHashMap<>(annotations);
        distinct.putIfAbsent("TestSubmission", UUID.randomUUID().toString());
        return submitExactly(dump, distinct);
    }

    /** POSTs exactly these annotations and dump (a second identical call is a retry). */
    public Answer submitExactly(byte[] dump, Map<String, String> annotations) throws IOException, InterruptedException {
        String boundary = "----bw" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        annotations.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + k + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"upload_file_minidump\"; "
                + "filename=\"crash.dmp\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(dump);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/submit")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    /** The crash id of an accepted submission, or an assertion error naming the answer. */
    public static String crashId(Answer accepted) {
        if (accepted.status() != 200 || !accepted.body().startsWith("CrashID=bp-")) {
            throw new AssertionError("not accepted: " + accepted.status() + " " + accepted.body());
        }
        return accepted.body().strip().substring("CrashID=bp-".length());
    }

    public void awaitStatus(String path, int status, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            checkAlive();
            try {
                last = get(path, Duration.ofSeconds(5), null).status();
                if (last == status) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + " did not answer " + path + " with " + status + " (last " + last + "); log:\n"
                + tail());
    }

    public void checkAlive() throws IOException {
        if (!process.isAlive()) {
            throw new AssertionError(name + " exited with " + process.exitValue() + "; log:\n" + tail());
        }
    }

    public String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
