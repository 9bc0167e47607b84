package io.breakwater.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.api.ApiDocument;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Dockerflow endpoints: {@code /__lbheartbeat__} (the process answers), {@code /__heartbeat__} (every
 * readiness check is up; any {@code @Readiness HealthCheck} bean joins automatically) and
 * {@code /__version__}.
 */
@Path("/")
@Tag(name = ApiDocument.OPERATIONS)
public class DockerflowResource {

    /** The heartbeat answers within this, whatever the services do. */
    static final java.time.Duration HEARTBEAT_BUDGET = java.time.Duration.ofMillis(1500);
    // Daemon threads: a check stuck on a stopped service must not keep the JVM alive or block the next heartbeat.
    private static final java.util.concurrent.ExecutorService CHECKS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "heartbeat-check");
        t.setDaemon(true);
        return t;
    });

    private static final Logger LOG = Logger.getLogger(DockerflowResource.class);
    /** Written by the build (pom.xml, antrun "build-info") when git is available. */
    static final String BUILD_INFO = "META-INF/breakwater-build.properties";

    @Inject
    @Any
    Instance<HealthCheck> healthChecks;

    @Inject
    ObjectMapper json;

    // Single reads, not a mapping: Quarkus's own keys, and two keys at Breakwater's root. A mapping of the bare
    // "breakwater" prefix would make startup refuse every breakwater.* key no mapping knows (breakwater.data-dir).
    @ConfigProperty(name = "quarkus.application.name")
    String name;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    @ConfigProperty(name = "breakwater.version-file", defaultValue = "version.json")
    String versionFile;

    @ConfigProperty(name = "breakwater.source-url")
    Optional<String> sourceUrl;

    @GET
    @Path("__lbheartbeat__")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Load balancer heartbeat", description = "The process answers: {status: ok}. Public.")
    @APIResponse(responseCode = "200", description = "{status: ok}")
    public Response lbheartbeat() {
        return Response.ok(Map.of("status", "ok")).build();
    }

    @GET
    @Path("__heartbeat__")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Heartbeat", description = "Database, storage and search all answer. Public.")
    @APIResponse(responseCode = "200", description = "{status: ok, checks, details}")
    @APIResponse(responseCode = "500", description = "A check failed: {status: error, checks, details}")
    public Response heartbeat() {
        Map<String, String> checks = new TreeMap<>();
        Map<String, Object> details = new TreeMap<>();
        // All checks at once, each bounded: a service that hangs (a stopped process) must not hang the answer.
        Map<String, CompletableFuture<HealthCheckResponse>> running = new LinkedHashMap<>();
        for (HealthCheck check : healthChecks.select(Readiness.Literal.INSTANCE)) {
            running.put(check.getClass().getSimpleName(), CompletableFuture.supplyAsync(check::call, CHECKS));
        }
        long deadline = System.nanoTime() + HEARTBEAT_BUDGET.toNanos();
        for (Map.Entry<String, CompletableFuture<HealthCheckResponse>> e : running.entrySet()) {
            HealthCheckResponse result;
            try {
                result = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException timeout) {
                String name = checkName(e.getKey());
                checks.put(name, "error");
                details.put(name, Map.of("error", "no answer within " + HEARTBEAT_BUDGET.toMillis() + " ms"));
                continue;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                checks.put(checkName(e.getKey()), "error");
                continue;
            } catch (ExecutionException failed) {
                LOG.warnf(failed.getCause(), "Readiness check %s failed", e.getKey());
                String name = checkName(e.getKey());
                checks.put(name, "error");
                details.put(name, Map.of("error", String.valueOf(failed.getCause().getMessage())));
                continue;
            }
            boolean up = result.getStatus() == HealthCheckResponse.Status.UP;
            checks.put(result.getName(), up ? "ok" : "error");
            result.getData().filter(d -> !d.isEmpty()).ifPresent(d -> details.put(result.getName(), d));
        }
        boolean allUp = !checks.containsValue("error");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", allUp ? "ok" : "error");
        body.put("checks", checks);
        body.put("details", details);
        return Response.status(allUp ? 200 : 500).entity(body).type(MediaType.APPLICATION_JSON).build();
    }

    /** The name a check reports under when it did not answer: its class name without "HealthCheck". */
    private static String checkName(String className) {
        String n = className.replaceAll("_(ClientProxy|Subclass)$", "").replace("HealthCheck", "");
        return n.isEmpty() ? className : Character.toLowerCase(n.charAt(0)) + n.substring(1);
    }

    /**
     * A {@code version.json} in the working directory (the Dockerflow convention for images) wins;
     * otherwise what the build recorded.
     */
    @GET
    @Path("__version__")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Version", description = "version.json of the deployment, or what the build recorded "
            + "(source, version, commit). Public.")
    @APIResponse(responseCode = "200", description = "{source, version, commit, build}")
    public Response version() {
        java.nio.file.Path file = java.nio.file.Path.of(versionFile);
        if (Files.isRegularFile(file)) {
            try {
                JsonNode node = json.readTree(file.toFile());
                if (node.isObject()) {
                    return Response.ok(node).build();
                }
                LOG.warnf("%s is not a JSON object; reporting build information instead", file.toAbsolutePath());
            } catch (IOException e) {
                LOG.warnf("Could not read %s: %s", file.toAbsolutePath(), e.getMessage());
            }
        }
        Properties build = buildInfo();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("version", version);
        String commit = build.getProperty("commit", "").trim();
        body.put("commit", commit.isEmpty() ? null : commit);
        body.put("source", sourceUrl.orElse(null));
        return Response.ok(body).build();
    }

    private static Properties buildInfo() {
        Properties props = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(BUILD_INFO)) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            LOG.debugf("No readable %s: %s", BUILD_INFO, e.getMessage());
        }
        return props;
    }
}
