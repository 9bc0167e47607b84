package io.breakwater.collector;

import io.breakwater.storage.CrashStorage;
import io.breakwater.storage.ObjectStore;
import io.breakwater.testsupport.Multipart;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static io.breakwater.collector.SubmitTestSupport.crashId;
import static io.breakwater.collector.SubmitTestSupport.objectCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edges of {@code POST /submit} that only a hand-written client shows: a half-close after the body,
 * a body cut short or badly chunked, and a retry of a crash whose answer was lost.
 */
@QuarkusTest
@TestProfile(SubmitFramingAndRetryTest.RetryWindowOn.class)
class SubmitFramingAndRetryTest {

    /** Other tests send the same crash on purpose and have the window off; production has it on. */
    public static class RetryWindowOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("breakwater.collector.duplicates.window", "10m");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Inject
    ObjectStore store;

    @Inject
    CrashStorage storage;

    @ConfigProperty(name = "breakwater.collector.temp-dir")
    Path tempDir;

    @AfterEach
    void temporaryFilesAreDeleted() throws IOException {
        SubmitTestSupport.assertNoTempFiles(tempDir);
    }

    /** A crash nobody else sends: a random dump, so no test's retry window sees it. */
    private static Multipart uniqueCrash(String boundary) {
        byte[] dump = ("MDMP" + UUID.randomUUID()).repeat(50).getBytes(StandardCharsets.US_ASCII);
        return uniqueCrash(boundary, dump);
    }

    private static Multipart uniqueCrash(String boundary, byte[] dump) {
        return new Multipart(boundary).field("ProductName", "HalfCloser").field("Version", "1.0")
                .file("upload_file_minidump", "crash.dmp", dump);
    }

    private static String head(Multipart m, String framing) {
        return "POST /submit HTTP/1.1\r\nHost: test\r\nContent-Type: " + m.contentType() + "\r\n" + framing + "\r\n";
    }

    /** Writes the bytes, shuts down the sending side (FIN) and reads until the server closes. */
    private String sendThenHalfClose(byte[] request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            // readAllBytes returns only once the server has closed: the connection is not left hanging.
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] concat(String head, byte[] body) {
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    private static int status(String response) {
        assertTrue(response.startsWith("HTTP/1.1 "), "no HTTP answer: [" + response + "]");
        return Integer.parseInt(response.substring(9, 12));
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void halfCloseAfterAWholeBodyStillGetsTheCrashId() throws IOException {
        Multipart m = uniqueCrash("half-close-whole");
        byte[] body = m.build();
        long before = objectCount(store);

        String response = sendThenHalfClose(concat(head(m, "Content-Length: " + body.length + "\r\n"), body));

        assertEquals(200, status(response), response);
        String id = crashId(body(response));
        assertTrue(storage.loadRawCrash(id).isPresent());
        assertEquals("HalfCloser", storage.loadRawCrash(id).orElseThrow().get("ProductName"));
        assertTrue(objectCount(store) > before);
    }

    @Test
    void halfCloseAfterAWholeChunkedBodyStillGetsTheCrashId() throws IOException {
        Multipart m = uniqueCrash("half-close-chunked");
        byte[] body = m.build();
        String chunked = Integer.toHexString(body.length) + "\r\n" + new String(body, StandardCharsets.ISO_8859_1)
                + "\r\n0\r\n\r\n";

        String response = sendThenHalfClose(
                (head(m, "Transfer-Encoding: chunked\r\n") + chunked).getBytes(StandardCharsets.ISO_8859_1));

        assertEquals(200, status(response), response);
        crashId(body(response));
    }

    @Test
    void bodyShorterThanContentLengthThenHalfCloseIs400TruncatedAndNotStored() throws IOException {
        Multipart m = uniqueCrash("half-close-cut");
        byte[] body = m.build();
        long before = objectCount(store);

        String response = sendThenHalfClose(concat(head(m, "Content-Length: " + body.length + "\r\n"),
                Arrays.copyOf(body, body.length / 2)));

        assertEquals(400, status(response), response);
        assertEquals("Discarded=malformed_truncated_body\n", body(response));
        assertEquals(before, objectCount(store));
    }

    @Test
    void chunkedBodyCutMidChunkThenHalfCloseIs400Truncated() throws IOException {
        Multipart m = uniqueCrash("half-close-cut-chunk");
        byte[] body = m.build();
        // Announces the whole body as one chunk but sends only part of it.
        String cut = Integer.toHexString(body.length) + "\r\n"
                + new String(body, 0, body.length / 2, StandardCharsets.ISO_8859_1);

        String response = sendThenHalfClose(
                (head(m, "Transfer-Encoding: chunked\r\n") + cut).getBytes(StandardCharsets.ISO_8859_1));

        assertEquals(400, status(response), response);
        assertEquals("Discarded=malformed_truncated_body\n", body(response));
    }

    @Test
    void invalidChunkSizeIs400WithAReason() throws IOException {
        Multipart m = uniqueCrash("bad-chunk");
        byte[] body = m.build();
        long before = objectCount(store);
        String bad = "10\r\n" + new String(body, 0, 16, StandardCharsets.ISO_8859_1) + "\r\nzz-not-hex\r\n"
                + new String(body, 16, body.length - 16, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n";

        // No half-close here: the server answers and closes on its own, since the connection is unusable.
        String response = sendThenHalfClose(
                (head(m, "Transfer-Encoding: chunked\r\n") + bad).getBytes(StandardCharsets.ISO_8859_1));

        assertEquals(400, status(response), response);
        assertEquals("Discarded=malformed_invalid_chunked_encoding\n", body(response));
        assertEquals(before, objectCount(store));
    }

    @Test
    void retryOfAStoredCrashGetsTheSameIdAndIsNotStoredTwice() throws IOException {
        byte[] dump = ("MDMP" + UUID.randomUUID()).repeat(80).getBytes(StandardCharsets.US_ASCII);
        // Uploaders make a new boundary for every attempt, and may gzip one and not the other.
        Multipart first = uniqueCrash("attempt-one", dump);
        Multipart second = uniqueCrash("attempt-two-other-boundary", dump);
        byte[] firstBody = first.build();
        byte[] secondBody = Multipart.gzip(second.build());

        String one = sendThenHalfClose(concat(head(first, "Content-Length: " + firstBody.length + "\r\n"), firstBody));
        long afterFirst = objectCount(store);
        String two = sendThenHalfClose(concat(head(second, "Content-Length: " + secondBody.length
                + "\r\nContent-Encoding: gzip\r\n"), secondBody));

        assertEquals(200, status(one), one);
        assertEquals(200, status(two), two);
        assertEquals(crashId(body(one)), crashId(body(two)));
        assertEquals(afterFirst, objectCount(store), "the retry stored objects");
    }

    @Test
    void sameDumpWithOtherAnnotationsIsANewCrash() throws IOException {
        byte[] dump = ("MDMP" + UUID.randomUUID()).repeat(80).getBytes(StandardCharsets.US_ASCII);
        Multipart first = uniqueCrash("same-dump-1", dump);
        Multipart second = uniqueCrash("same-dump-2", dump).field("Comments", "it crashed again");
        byte[] a = first.build();
        byte[] b = second.build();

        String one = sendThenHalfClose(concat(head(first, "Content-Length: " + a.length + "\r\n"), a));
        String two = sendThenHalfClose(concat(head(second, "Content-Length: " + b.length + "\r\n"), b));

        assertNotEquals(crashId(body(one)), crashId(body(two)));
    }
}
