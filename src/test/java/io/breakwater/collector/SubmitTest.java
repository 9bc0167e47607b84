package io.breakwater.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.Lane;
import io.breakwater.queue.QueueEvents;
import io.breakwater.queue.QueueItem;
import io.breakwater.queue.QueueState;
import io.breakwater.storage.CrashIds;
import io.breakwater.storage.CrashStorage;
import io.breakwater.storage.ObjectStore;
import io.breakwater.testsupport.Corpus;
import io.breakwater.testsupport.HttpCapture;
import io.breakwater.testsupport.Multipart;
import io.breakwater.testsupport.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static io.breakwater.collector.SubmitTestSupport.crashId;
import static io.breakwater.collector.SubmitTestSupport.objectCount;
import static io.breakwater.collector.SubmitTestSupport.post;
import static io.breakwater.collector.SubmitTestSupport.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /submit} end to end against the real PostgreSQL and s3proxy of the test resource. */
@QuarkusTest
class SubmitTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    CrashStorage storage;

    @Inject
    ObjectStore store;

    @Inject
    CrashQueue queue;

    @Inject
    EventBus eventBus;

    @ConfigProperty(name = "breakwater.collector.temp-dir")
    Path tempDir;

    @Inject
    io.breakwater.queue.IntakeLoad intake;

    @AfterEach
    void temporaryFilesAreDeleted() throws IOException {
        SubmitTestSupport.assertNoTempFiles(tempDir);
        assertEquals(0, intake.inFlight(), "every submission, accepted or not, has ended its count");
    }

    @Test
    void aSubmissionIsCountedWhileItsBodyArrives() throws Exception {
        byte[] body = new Multipart().field("ProductName", "Counted")
                .file("upload_file_minidump", "crash.dmp", new byte[64 * 1024]).build();
        int half = body.length / 2;
        int[] seenMidBody = {-1};
        java.io.InputStream stalling = new java.io.InputStream() {
            int position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= body.length) return -1;
                if (position == half && seenMidBody[0] < 0) {
                    // Half the body is sent: the collector is reading it now.
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (intake.inFlight() < 1 && System.nanoTime() < deadline) Thread.onSpinWait();
                    seenMidBody[0] = intake.inFlight();
                }
                int n = Math.min(len, (position < half ? half : body.length) - position);
                System.arraycopy(body, position, b, off, n);
                position += n;
                return n;
            }
        };
        var request = java.net.http.HttpRequest.newBuilder(base.toURI().resolve("submit"))
                .header("Content-Type", new Multipart().contentType())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> stalling)).build();
        var response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, seenMidBody[0], "counted while its body was still arriving");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void acceptedCrashIsStoredAndQueuedBeforeTheAnswer() throws Exception {
        LinkedBlockingQueue<String> wakeUps = new LinkedBlockingQueue<>();
        MessageConsumer<String> consumer = eventBus.consumer(QueueEvents.WAKE_UP, m -> wakeUps.add(m.body()));
        byte[] main = Files.readAllBytes(Corpus.file("generated/segv/crash.dmp"));
        byte[] second = "second dump".getBytes(StandardCharsets.UTF_8);
        Multipart multipart = new Multipart().field("ProductName", "Firefox").field("Version", "120.0")
                .field("BuildID", "20240101000000")
                .file("upload_file_minidump", "crash.dmp", main)
                .file("upload_file_minidump_browser", "browser.dmp", second);
        byte[] body = multipart.build();
        LocalDate before = LocalDate.now(ZoneOffset.UTC);

        Response response = post(multipart.contentType(), body);

        assertEquals(200, response.statusCode());
        assertTrue(response.contentType().startsWith("text/plain"), response.contentType());
        String id = crashId(response.asString());
        LocalDate receivedOn = CrashIds.date(id).orElseThrow();
        assertTrue(!receivedOn.isBefore(before) && !receivedOn.isAfter(LocalDate.now(ZoneOffset.UTC)));
        assertEquals(0, CrashIds.throttleDigit(id));

        // Storage, Socorro layout.
        List<String> keys = store.list(store.crashBucket(), "v1/", 1_000_000).stream().filter(k -> k.endsWith(id))
                .sorted().toList();
        assertEquals(List.of("v1/dump_names/" + id, "v1/raw_crash/" + CrashIds.dateKey(id) + "/" + id,
                "v1/upload_file_minidump/" + id, "v1/upload_file_minidump_browser/" + id), keys);
        assertEquals(List.of("upload_file_minidump", "upload_file_minidump_browser"), storage.listDumps(id));
        Map<String, byte[]> dumps = storage.loadDumps(id);
        assertArrayEquals(main, dumps.get("upload_file_minidump"));
        assertArrayEquals(second, dumps.get("upload_file_minidump_browser"));

        Map<String, Object> raw = storage.loadRawCrash(id).orElseThrow();
        assertEquals("Firefox", raw.get("ProductName"));
        assertEquals("120.0", raw.get("Version"));
        assertEquals(id, raw.get("uuid"));
        assertEquals(2, raw.get("version"));
        OffsetDateTime submitted = OffsetDateTime.parse((String) raw.get("submitted_timestamp"));
        assertEquals(ZoneOffset.UTC, submitted.getOffset());
        assertTrue(((String) raw.get("submitted_timestamp")).endsWith("+00:00"));
        assertEquals(receivedOn, submitted.toLocalDate());
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) raw.get("metadata");
        assertEquals("multipart", metadata.get("payload"));
        assertEquals("0", metadata.get("payload_compressed"));
        assertEquals(body.length, ((Number) metadata.get("payload_size")).intValue());
        assertEquals(Map.of("upload_file_minidump", sha256(main), "upload_file_minidump_browser", sha256(second)),
                metadata.get("dump_checksums"));
        assertEquals("accept_everything", metadata.get("throttle_rule"));
        assertEquals(List.of(), metadata.get("collector_notes"));
        assertTrue(((String) metadata.get("user_agent")).length() > 0);

        // Queue.
        List<QueueItem> items = queue.findByCrashId(id);
        assertEquals(1, items.size());
        assertEquals(Lane.STANDARD, items.get(0).lane());
        assertEquals(QueueState.PENDING, items.get(0).state());
        assertEquals("STANDARD", wakeUps.poll(10, TimeUnit.SECONDS));
        consumer.unregister();
    }

    @Test
    void everyMalformedReasonAnswers400AndStoresNothing() throws IOException {
        String ct = new Multipart().contentType();
        byte[] ok = new Multipart().field("ProductName", "X").build();
        record Case(String contentType, String encoding, byte[] body, String expected) {
        }
        List<Case> cases = List.of(
                new Case(null, null, ok, "malformed_no_content_type"),
                new Case("application/json", null, "{}".getBytes(StandardCharsets.UTF_8), "malformed_wrong_content_type"),
                new Case("multipart/form-data", null, ok, "malformed_no_boundary"),
                new Case(ct, "gzip", ok, "malformed_bad_gzip"),
                new Case(ct, null, new Multipart().json("extra", "{\"ProductName\":").build(), "malformed_invalid_json"),
                new Case(ct, null, new Multipart().json("extra", "\"Firefox\"").build(), "malformed_invalid_json_value"),
                new Case(ct, null, new Multipart().json("extra", "{\"A\":[1]}").build(), "malformed_invalid_annotation_value"),
                new Case(ct, null, new Multipart().part("Content-Disposition: form-data; name=\"ProductName\"\r\n",
                        new byte[]{(byte) 0xc3, (byte) 0x28}).build(), "malformed_invalid_annotation_value"),
                new Case(ct, null, new Multipart().field("A", "1").json("extra", "{\"B\":\"2\"}").build(),
                        "malformed_has_json_and_kv"),
                new Case(ct, null, new Multipart().file("upload_file_minidump", "d", new byte[]{1}).build(),
                        "malformed_no_annotations"),
                new Case(ct, null, "--nope\r\n\r\n".getBytes(StandardCharsets.UTF_8), "malformed_invalid_payload_structure"),
                new Case(ct, null, new Multipart().field("A", "1").file("raw_crash", "d", new byte[]{1}).build(),
                        "malformed_invalid_dump_name"),
                new Case(ct, null, new byte[0], "malformed_no_content_length"));
        long objectsBefore = objectCount(store);
        long pendingBefore = queue.counts().total(QueueState.PENDING);
        for (Case c : cases) {
            StringBuilder head = new StringBuilder("POST /submit HTTP/1.1\r\nHost: test\r\nContent-Length: "
                    + c.body().length + "\r\n");
            if (c.contentType() != null) {
                head.append("Content-Type: ").append(c.contentType()).append("\r\n");
            }
            if (c.encoding() != null) {
                head.append("Content-Encoding: ").append(c.encoding()).append("\r\n");
            }
            RawHttp.Response r = RawHttp.send(base, head.toString(), c.body());
            assertEquals(400, r.status(), c.expected());
            assertEquals("Discarded=" + c.expected() + "\n", r.bodyText());
            assertTrue(r.header("Content-Type").startsWith("text/plain"));
        }
        assertEquals(objectsBefore, objectCount(store));
        assertEquals(pendingBefore, queue.counts().total(QueueState.PENDING));
    }

    @Test
    void gzippedChunkedBody() throws IOException {
        byte[] dump = new byte[150_000];
        new java.util.Random(9).nextBytes(dump);
        Multipart multipart = new Multipart().field("ProductName", "Gz").file("upload_file_minidump", "d.dmp", dump);
        byte[] gz = Multipart.gzip(multipart.build());
        byte[] head = ("POST /submit HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"
                + "Content-Type: " + multipart.contentType() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

        RawHttp.Response r = RawHttp.exchange(base, head, RawHttp.chunked(gz, 4000));

        assertEquals(200, r.status(), r.bodyText());
        String id = crashId(r.bodyText());
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) storage.loadRawCrash(id).orElseThrow().get("metadata");
        assertEquals("1", metadata.get("payload_compressed"));
        assertEquals(gz.length, ((Number) metadata.get("payload_size")).intValue());
        assertArrayEquals(dump, storage.loadDumps(id).get("upload_file_minidump"));
    }

    @Test
    void capturedBreakpadUpload() throws IOException {
        Path file = Corpus.file("generated/upload/breakpad-minidump_upload.http");
        HttpCapture capture = HttpCapture.read(file);

        RawHttp.Response r = RawHttp.exchange(base, new byte[0], out -> out.write(Files.readAllBytes(file)));

        assertEquals(200, r.status(), r.bodyText());
        String id = crashId(r.bodyText());
        Map<String, Object> raw = storage.loadRawCrash(id).orElseThrow();
        assertEquals("crashgen", raw.get("prod"));
        assertEquals("1.0", raw.get("ver"));
        assertEquals("crashgen", raw.get("ProductName"));
        assertEquals("1.0", raw.get("Version"));
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) raw.get("metadata");
        assertEquals("Breakpad/1.0 (Linux)", metadata.get("user_agent"));
        assertEquals(capture.body().length, ((Number) metadata.get("payload_size")).intValue());
        byte[] dump = storage.loadDumps(id).get("upload_file_minidump");
        assertEquals("MDMP", new String(dump, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(sha256(dump), ((Map<?, ?>) metadata.get("dump_checksums")).get("upload_file_minidump"));
        assertEquals(1, queue.findByCrashId(id).size());
    }

    @Test
    void capturedCrashpadStyleUploadChunkedGzippedWithQueryString() throws IOException {
        Path file = Corpus.file("generated/upload/crashpad-style-SYNTHETIC.http");

        RawHttp.Response r = RawHttp.exchange(base, new byte[0], out -> out.write(Files.readAllBytes(file)));

        assertEquals(200, r.status(), r.bodyText());
        String id = crashId(r.bodyText());
        Map<String, Object> raw = storage.loadRawCrash(id).orElseThrow();
        // verbatim
        assertEquals("crashgen", raw.get("prod"));
        assertEquals("1.0.0", raw.get("ver"));
        assertEquals("browser", raw.get("ptype"));
        assertEquals("Linux", raw.get("plat"));
        assertEquals("3f2c1a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b", raw.get("guid"));
        assertEquals("alpha\nbeta", raw.get("list_annotations"));
        assertEquals("crashgen", raw.get("product")); // from the query string
        // canonical
        assertEquals("crashgen", raw.get("ProductName"));
        assertEquals("1.0.0", raw.get("Version"));
        assertEquals("browser", raw.get("ProcessType"), "the client's own process name");
        assertEquals(2, raw.get("version")); // the query's "version" cannot replace the raw crash format version
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) raw.get("metadata");
        assertEquals(Map.of("product", "crashgen", "version", "1.0.0", "guid", "3f2c1a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b"),
                metadata.get("query_parameters"));
        assertEquals("1", metadata.get("payload_compressed"));
        assertTrue(((String) metadata.get("user_agent")).startsWith("Crashpad/"));
        byte[] dump = storage.loadDumps(id).get("upload_file_minidump");
        assertEquals("MDMP", new String(dump, 0, 4, StandardCharsets.US_ASCII));
    }

    // ---- Antenna's request vectors, over HTTP -----------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> antennaPayloadVectors() throws IOException {
        Path vectorsFile = Corpus.file("antenna/payload-vectors.json");
        JsonNode root = JSON.readTree(vectorsFile.toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : root.get("vectors")) {
            tests.add(DynamicTest.dynamicTest(vector.get("name").asText(),
                    () -> checkVector(vectorsFile.getParent(), vector)));
        }
        return tests.stream();
    }

    private void checkVector(Path dir, JsonNode vector) throws IOException {
        byte[] body = Files.readAllBytes(dir.resolve(vector.get("body_file").asText()));
        StringBuilder head = new StringBuilder("POST /submit HTTP/1.1\r\nHost: test\r\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = vector.get("request").get("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            head.append(h.getKey()).append(": ").append(h.getValue().asText()).append("\r\n");
        }
        RawHttp.Response r = RawHttp.send(base, head.toString(), body);
        JsonNode expected = vector.get("expected");
        String name = vector.get("name").asText();

        if (name.equals("json_extra_and_kvpairs")) {
            // Deliberate: form fields beside a JSON extra are refused (Antenna now keeps the JSON with a note).
            assertEquals(400, r.status());
            assertEquals("Discarded=malformed_has_json_and_kv\n", r.bodyText());
            return;
        }
        if (expected.has("http_status") && expected.get("http_status").asInt() != 200) {
            assertEquals(expected.get("http_status").asInt(), r.status(), r.bodyText());
            assertEquals(expected.get("body").asText() + "\n", r.bodyText());
            return;
        }
        assertEquals(200, r.status(), r.bodyText());
        // The vector's body_regex wants 6 random hex digits before the throttle digit (13 in the last group);
        // real Socorro ids (de1bb258-cbbf-4589-a673-34f800160918) have 5, as crashId() checks.
        String id = crashId(r.bodyText());
        Map<String, Object> raw = storage.loadRawCrash(id).orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) raw.get("metadata");
        JsonNode extract = expected.get("extract");
        if (extract != null) {
            extract.get("annotations").fields().forEachRemaining(a -> assertEquals(a.getValue().asText(), raw.get(a.getKey())));
            Map<String, byte[]> dumps = storage.loadDumps(id);
            assertEquals(extract.get("dumps").size(), dumps.size());
            extract.get("dumps").fields().forEachRemaining(d ->
                    assertEquals(d.getValue().asText(), new String(dumps.get(d.getKey()), StandardCharsets.ISO_8859_1)));
            assertEquals(extract.get("payload").asText(), metadata.get("payload"));
            assertEquals(extract.get("payload_compressed").asText(), metadata.get("payload_compressed"));
            assertEquals(extract.get("payload_size").asLong(), ((Number) metadata.get("payload_size")).longValue());
        }
        JsonNode stored = expected.get("stored_raw_crash");
        if (stored != null) {
            for (String key : List.of("ProductName", "ReleaseChannel", "Version")) {
                assertEquals(stored.get(key).asText(), raw.get(key));
            }
            assertEquals(2, raw.get("version"));
            assertEquals(id, raw.get("uuid"));
            JsonNode m = stored.get("metadata");
            assertEquals(JSON.convertValue(m.get("dump_checksums"), Map.class), metadata.get("dump_checksums"));
            assertEquals(m.get("payload_size").asInt(), ((Number) metadata.get("payload_size")).intValue());
            assertEquals(List.of(), metadata.get("collector_notes"));
            Map<String, byte[]> dumps = storage.loadDumps(id);
            expected.get("stored_dumps").fields().forEachRemaining(d ->
                    assertEquals(d.getValue().asText(), new String(dumps.get(d.getKey()), StandardCharsets.ISO_8859_1)));
        }
        if (expected.has("raw_crash_json_bytes")) {
            // Socorro's own file for this request, with this crash's id and time substituted.
            JsonNode theirs = JSON.readTree(expected.get("raw_crash_json_bytes").asText().replace("<crash_id>", id));
            JsonNode ours = JSON.valueToTree(raw);
            for (Iterator<String> it = theirs.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (key.equals("submitted_timestamp")) {
                    continue;
                }
                if (key.equals("metadata")) {
                    theirs.get(key).fieldNames().forEachRemaining(mk ->
                            assertEquals(theirs.get(key).get(mk), ours.get(key).get(mk), "metadata." + mk));
                } else {
                    assertEquals(theirs.get(key), ours.get(key), key);
                }
            }
            assertEquals(List.of("upload_file_minidump"), storage.listDumps(id));
        }
    }

    // ---- size limits ---------------------------------------------------------------------------------------

    @Test
    void bodiesOverTheLimitAre413WithoutStoringAnything() throws IOException {
        long objectsBefore = objectCount(store);
        Multipart multipart = new Multipart().field("ProductName", "Big");
        byte[] start = ("--" + Multipart.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"upload_file_minidump\";"
                + " filename=\"big\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long size = 26L << 20;

        // Declared too large: refused up front.
        RawHttp.Response declared = RawHttp.exchange(base, ("POST /submit HTTP/1.1\r\nHost: t\r\nContent-Type: "
                + multipart.contentType() + "\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                out -> zeros(out, start, size));
        assertEquals(413, declared.status());
        assertEquals("Discarded=body_too_large\n", declared.bodyText());

        // Chunked: refused once 25 MB have been read.
        RawHttp.Response chunked = RawHttp.exchange(base, ("POST /submit HTTP/1.1\r\nHost: t\r\nContent-Type: "
                + multipart.contentType() + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                out -> chunkedZeros(out, start, size));
        assertEquals(413, chunked.status());
        assertEquals("Discarded=body_too_large\n", chunked.bodyText());
        assertEquals(objectsBefore, objectCount(store));
    }

    @Test
    void theBodyIsStreamedNotBufferedFirst() throws IOException {
        // The client sends 26 MB and then stalls without finishing the body. Only a server that reads while
        // the upload is in progress can answer: one that buffers the whole body first would wait forever.
        Multipart multipart = new Multipart();
        byte[] start = ("--" + Multipart.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"upload_file_minidump\";"
                + " filename=\"big\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        RawHttp.Response r = RawHttp.exchange(base, ("POST /submit HTTP/1.1\r\nHost: t\r\nContent-Type: "
                + multipart.contentType() + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                out -> {
                    OutputStream chunks = new ChunkedOutputStream(out);
                    zeros(chunks, start, 26L << 20);
                    out.flush();
                    try {
                        Thread.sleep(Long.MAX_VALUE); // never finishes the body
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        assertEquals(413, r.status());
        assertEquals("Discarded=body_too_large\n", r.bodyText());
    }

    @Test
    void gzipBombIsStoppedWhileStreaming() throws IOException {
        long objectsBefore = objectCount(store);
        // 1 GiB of zeros in a dump part, gzipped on the fly while sending (about 1 MB on the wire).
        byte[] head = ("POST /submit HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                + "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        RawHttp.Response r = RawHttp.exchange(base, head, out -> {
            OutputStream chunks = new ChunkedOutputStream(out);
            try (GZIPOutputStream gz = new GZIPOutputStream(chunks, 64 * 1024)) {
                gz.write(("--b\r\nContent-Disposition: form-data; name=\"ProductName\"\r\n\r\nBomb\r\n"
                        + "--b\r\nContent-Disposition: form-data; name=\"upload_file_minidump\"; filename=\"z\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 1024; i++) {
                    gz.write(zeros);
                }
                gz.write("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        assertEquals(413, r.status());
        assertEquals("Discarded=decompressed_too_large\n", r.bodyText());
        assertEquals(objectsBefore, objectCount(store));
    }

    private static void zeros(OutputStream out, byte[] start, long size) throws IOException {
        out.write(start);
        byte[] buf = new byte[1 << 16];
        for (long left = size - start.length; left > 0; left -= buf.length) {
            out.write(buf, 0, (int) Math.min(buf.length, left));
        }
    }

    private static void chunkedZeros(OutputStream out, byte[] start, long size) throws IOException {
        OutputStream chunks = new ChunkedOutputStream(out);
        zeros(chunks, start, size);
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Frames every write as one HTTP chunk. */
    private static final class ChunkedOutputStream extends OutputStream {
        private final OutputStream out;

        ChunkedOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b, off, len);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void close() {
            // the terminating chunk is written by the caller
        }
    }

    @Test
    void aClientThatGoesAwayMidUploadLeavesNothingBehind() throws Exception {
        long objectsBefore = objectCount(store);
        Multipart multipart = new Multipart().field("ProductName", "Gone");
        byte[] start = ("--" + Multipart.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"upload_file_minidump\";"
                + " filename=\"d\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /submit HTTP/1.1\r\nHost: t\r\nContent-Type: " + multipart.contentType()
                    + "\r\nContent-Length: 5000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(start);
            out.write(new byte[300_000]);
            out.flush();
            Thread.sleep(500);
        }
        // The server notices the reset on its own schedule: wait (bounded) for it to clean up.
        for (int i = 0; i < 100 && hasTempFiles(); i++) {
            Thread.sleep(100);
        }
        SubmitTestSupport.assertNoTempFiles(tempDir);
        assertEquals(objectsBefore, objectCount(store));
        // and the collector still works
        Multipart next = new Multipart().field("ProductName", "After");
        assertEquals(200, post(next.contentType(), next.build()).statusCode());
    }

    private boolean hasTempFiles() throws IOException {
        return !SubmitTestSupport.tempFiles(tempDir).isEmpty();
    }

    @Test
    void expectContinueIsAnswered() throws IOException {
        // curl sends "Expect: 100-continue" for bodies over 1 MB and waits for the interim answer.
        Multipart multipart = new Multipart().field("ProductName", "Curl").file("upload_file_minidump", "d", new byte[2000]);
        byte[] body = multipart.build();
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /submit HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Type: "
                    + multipart.contentType() + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            java.io.InputStream in = socket.getInputStream();
            String interim = readLine(in);
            assertEquals("HTTP/1.1 100 Continue", interim);
            assertEquals("", readLine(in));
            out.write(body);
            out.flush();
            assertTrue(readLine(in).startsWith("HTTP/1.1 200"));
        }
    }

    private static String readLine(java.io.InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Test
    void restAssuredMultipartUpload() {
        // The everyday client path: a multipart built by REST Assured itself.
        Response response = io.restassured.RestAssured.given()
                .multiPart("ProductName", "RestAssured")
                .multiPart("Version", "3.0")
                .multiPart("upload_file_minidump", "crash.dmp", "MDMP-bytes".getBytes(StandardCharsets.UTF_8),
                        "application/octet-stream")
                .post("/submit");
        assertEquals(200, response.statusCode(), response.asString());
        String id = crashId(response.asString());
        assertEquals("RestAssured", storage.loadRawCrash(id).orElseThrow().get("ProductName"));
        assertNotNull(storage.loadDumps(id).get("upload_file_minidump"));
        assertFalse(queue.findByCrashId(id).isEmpty());
    }
}
