package io.breakwater.collector;

import io.breakwater.queue.CrashQueue;
import io.breakwater.testsupport.Multipart;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static io.breakwater.collector.SubmitTestSupport.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Object storage unreachable: the app still starts, and submissions get 503 with nothing queued. */
@QuarkusTest
@TestProfile(StorageDownSubmitTest.StorageDown.class)
class StorageDownSubmitTest {

    public static class StorageDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocket socket = new ServerSocket(0)) {
                // Nothing listens there once the socket is closed.
                return Map.of("breakwater.s3.endpoint", "http://127.0.0.1:" + socket.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    CrashQueue queue;

    @ConfigProperty(name = "breakwater.s3.endpoint")
    String endpoint;

    @ConfigProperty(name = "breakwater.collector.temp-dir")
    Path tempDir;

    @Test
    void submissionIsRefusedWithRetryAfterAndNothingIsQueued() throws IOException {
        assertTrue(endpoint.startsWith("http://127.0.0.1:"), endpoint);
        long rowsBefore = queueRows();
        Multipart m = new Multipart().field("ProductName", "Firefox").file("upload_file_minidump", "d", new byte[1000]);

        Response r = post(m.contentType(), m.build());

        assertEquals(503, r.statusCode(), r.asString());
        assertEquals("60", r.header("Retry-After"));
        assertEquals("Error=storage_unavailable\n", r.asString());
        assertEquals(rowsBefore, queueRows());
        SubmitTestSupport.assertNoTempFiles(tempDir);
    }

    @Test
    void readinessReportsStorageDown() {
        Response health = RestAssured.get("/q/health/ready");
        assertEquals(503, health.statusCode());
        assertEquals("DOWN", health.jsonPath().getString("checks.find { it.name == 'object-storage' }.status"));
    }

    private long queueRows() {
        var counts = queue.counts();
        long total = 0;
        for (var state : io.breakwater.queue.QueueState.values()) {
            total += counts.total(state);
        }
        return total;
    }
}
