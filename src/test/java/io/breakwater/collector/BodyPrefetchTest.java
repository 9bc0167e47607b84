package io.breakwater.collector;

import io.breakwater.queue.IntakeLoad;
import io.breakwater.testsupport.Multipart;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which {@code /submit} bodies are read whole on the event loop before the collector runs, and that the rest
 * still stream. Half a body is sent and held back: a prefetched request has not reached the collector yet, a
 * streamed one is already in it, reading.
 */
@QuarkusTest
@TestProfile(BodyPrefetchTest.SmallPrefetch.class)
class BodyPrefetchTest {

    /** Bodies here are about 2,600 bytes: one fits the total, two at once do not. */
    public static class SmallPrefetch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("breakwater.collector.prefetch.max-body-size", "4096",
                    "breakwater.collector.prefetch.max-total", "4000");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Inject
    BodyPrefetchRoute prefetch;

    @Inject
    IntakeLoad intake;

    /** A request whose head and first half are sent; the rest waits for {@link #finish()}. */
    private final class HalfSent implements AutoCloseable {
        final Socket socket;
        final byte[] body;
        final int sent;

        HalfSent(byte[] body) throws IOException {
            this.body = body;
            this.sent = body.length / 2;
            socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /submit HTTP/1.1\r\nHost: test\r\nContent-Type: multipart/form-data; boundary=prefetch\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, sent);
            out.flush();
        }

        String finish() throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(body, sent, body.length - sent);
            out.flush();
            return readResponse(socket.getInputStream());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static byte[] crash(int dumpBytes) {
        byte[] dump = Arrays.copyOf(("MDMP" + UUID.randomUUID()).repeat(dumpBytes / 40 + 1)
                .getBytes(StandardCharsets.US_ASCII), dumpBytes);
        return new Multipart("prefetch").field("ProductName", "Prefetch").field("Version", "1.0")
                .file("upload_file_minidump", "crash.dmp", dump).build();
    }

    @Test
    void aSmallBodyArrivesWholeBeforeTheCollectorRuns() throws Exception {
        byte[] body = crash(2_300);
        try (HalfSent request = new HalfSent(body)) {
            awaitValue(body.length, prefetch::heldBytes, "the half-sent body is held for prefetching");
            Thread.sleep(300);
            assertEquals(0, intake.inFlight(), "the collector must not be waiting on the network");

            String response = request.finish();

            assertTrue(response.startsWith("HTTP/1.1 200 "), response);
            assertTrue(response.contains("CrashID=bp-"), response);
        }
        awaitValue(0, prefetch::heldBytes, "a finished request gives its bytes back");
    }

    @Test
    void aBodyOverThePrefetchSizeStreamsIntoTheCollector() throws Exception {
        byte[] body = crash(6_000);
        try (HalfSent request = new HalfSent(body)) {
            awaitCount(1, intake::inFlight, "the collector reads the large body as it arrives");
            assertEquals(0, prefetch.heldBytes());

            String response = request.finish();

            assertTrue(response.startsWith("HTTP/1.1 200 "), response);
        }
    }

    @Test
    void aBodyThatWouldPassTheHeldTotalStreams() throws Exception {
        byte[] first = crash(2_300);
        byte[] second = crash(2_300);
        try (HalfSent held = new HalfSent(first)) {
            awaitValue(first.length, prefetch::heldBytes, "the first body is held");
            try (HalfSent streamed = new HalfSent(second)) {
                awaitCount(1, intake::inFlight, "the second body streams: two would pass max-total");
                assertEquals(first.length, prefetch.heldBytes());

                assertTrue(streamed.finish().startsWith("HTTP/1.1 200 "));
            }
            assertTrue(held.finish().startsWith("HTTP/1.1 200 "));
        }
        awaitValue(0, prefetch::heldBytes, "both requests gave their bytes back");
    }

    @Test
    void aPrefetchedBodyCutByAClosedConnectionGivesItsBytesBack() throws Exception {
        byte[] body = crash(2_300);
        try (HalfSent request = new HalfSent(body)) {
            awaitValue(body.length, prefetch::heldBytes, "the half-sent body is held");
        }
        awaitValue(0, prefetch::heldBytes, "the closed connection's bytes are given back");
        assertEquals(0, intake.inFlight());
    }

    @Test
    void expectContinueIsAnsweredOnBothPaths() throws Exception {
        for (int dumpBytes : new int[]{2_300, 6_000}) {
            byte[] body = crash(dumpBytes);
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /submit HTTP/1.1\r\nHost: test\r\nContent-Type: multipart/form-data; boundary=prefetch"
                        + "\r\nContent-Length: " + body.length + "\r\nExpect: 100-continue\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = socket.getInputStream();
                String interim = readResponse(in);
                assertTrue(interim.startsWith("HTTP/1.1 100 "), dumpBytes + ": " + interim);

                out.write(body);
                out.flush();
                String response = readResponse(in);
                assertTrue(response.startsWith("HTTP/1.1 200 "), dumpBytes + ": " + response);
            }
        }
    }

    /** HTTP/2 (here by an h2c upgrade, as the JDK's client does) streams: the REST layer cannot take an ended stream. */
    @Test
    void http2RequestsAreAnsweredAndNotPrefetched() throws Exception {
        byte[] body = crash(2_300);
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).build();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(base.toURI().resolve("submit"))
                .header("Content-Type", "multipart/form-data; boundary=prefetch")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();

        java.net.http.HttpResponse<String> response =
                client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertEquals(java.net.http.HttpClient.Version.HTTP_2, response.version(), "the request went over HTTP/2");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("CrashID=bp-"), response.body());
        assertEquals(0, prefetch.heldBytes());
    }

    /** Reads one response: status line, headers and a Content-Length body (none for 1xx). */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void awaitValue(long expected, LongSupplier actual, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (actual.getAsLong() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, actual.getAsLong(), what);
    }

    private static void awaitCount(int expected, IntSupplier actual, String what) throws InterruptedException {
        awaitValue(expected, actual::getAsInt, what);
    }
}
