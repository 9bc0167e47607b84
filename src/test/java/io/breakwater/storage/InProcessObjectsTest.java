package io.breakwater.storage;

import io.breakwater.local.S3ProxyLauncher;
import io.breakwater.testsupport.FixedS3Config;
import io.minio.MinioClient;
import io.minio.RemoveBucketArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Objects written straight into the embedded s3proxy's store must be what a PUT over S3 would have made:
 * the same bytes, size, content type and ETag, read back over S3 by this or any other client; and what is
 * read directly must be what a GET over S3 answers.
 */
class InProcessObjectsTest {

    @TempDir
    static Path work;

    private static S3ProxyLauncher.Running s3;
    private static MinioClient client;
    private static ObjectStore direct;
    private static ObjectStore overHttp;

    @BeforeAll
    static void start() throws IOException {
        s3 = S3ProxyLauncher.start(work.resolve("s3"));
        client = MinioClientProducer.build(config(s3.endpoint(), true));
        direct = new ObjectStore(client, config(s3.endpoint(), true), Optional.of(s3.inProcessObjects()));
        overHttp = new ObjectStore(client, config(s3.endpoint(), false), Optional.of(s3.inProcessObjects()));
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void theTwoStoresTakeTheirOwnPaths() {
        assertTrue(direct.inProcess());
        assertFalse(overHttp.inProcess());
    }

    @Test
    void bytesWrittenDirectlyReadBackOverS3AsIfPutOverS3() throws Exception {
        byte[] json = "{\"ProductName\":\"Direct\"}".getBytes(StandardCharsets.UTF_8);
        direct.put(direct.crashBucket(), "v1/raw_crash/20261204/direct", json, "application/json");
        overHttp.put(overHttp.crashBucket(), "v1/raw_crash/20261204/http", json, "application/json");

        assertArrayEquals(json, overHttp.get(overHttp.crashBucket(), "v1/raw_crash/20261204/direct").orElseThrow());
        StatObjectResponse written = stat("v1/raw_crash/20261204/direct");
        StatObjectResponse reference = stat("v1/raw_crash/20261204/http");
        assertEquals(json.length, written.size());
        assertEquals(reference.contentType(), written.contentType());
        assertEquals("application/json", written.contentType());
        assertEquals(reference.etag(), written.etag(), "the ETag is the content's MD5 either way");
        assertEquals(java.util.List.of("v1/raw_crash/20261204/direct", "v1/raw_crash/20261204/http"),
                overHttp.list(overHttp.crashBucket(), "v1/raw_crash/20261204/", 10));
    }

    @Test
    void aLargeFileIsStoredWholeInOnePiece() throws Exception {
        // Larger than the client's multipart part size: the direct path has no parts at all.
        byte[] dump = new byte[6 * 1024 * 1024 + 17];
        new Random(3).nextBytes(dump);
        Path file = Files.write(work.resolve("large.dmp"), dump);
        direct.putFile(direct.crashBucket(), "v1/dump/large", file, "application/octet-stream");

        try (InputStream in = overHttp.open(overHttp.crashBucket(), "v1/dump/large").orElseThrow()) {
            assertArrayEquals(dump, in.readAllBytes());
        }
        assertEquals(Optional.of((long) dump.length), overHttp.size(overHttp.crashBucket(), "v1/dump/large"));
    }

    @Test
    void directReadsAnswerWhatAGetOverS3Answers() throws Exception {
        byte[] body = new byte[300_000];
        new Random(5).nextBytes(body);
        overHttp.put(overHttp.crashBucket(), "v1/dump/read-back", body, "application/octet-stream");
        assertArrayEquals(body, direct.get(direct.crashBucket(), "v1/dump/read-back").orElseThrow());
        try (InputStream in = direct.open(direct.crashBucket(), "v1/dump/read-back").orElseThrow()) {
            assertArrayEquals(body, in.readAllBytes());
        }
        assertTrue(direct.get(direct.crashBucket(), "v1/dump/never-stored").isEmpty());
        assertTrue(direct.open("no-such-bucket", "v1/dump/read-back").isEmpty());
    }

    @Test
    void aSecondWriteReplacesTheObject() {
        direct.put(direct.crashBucket(), "v1/processed_crash/again", "first".getBytes(StandardCharsets.UTF_8), "application/json");
        direct.put(direct.crashBucket(), "v1/processed_crash/again", "second".getBytes(StandardCharsets.UTF_8), "application/json");
        assertEquals("second", new String(overHttp.get(overHttp.crashBucket(), "v1/processed_crash/again").orElseThrow(),
                StandardCharsets.UTF_8));
    }

    @Test
    void aStoreThatLostItsBucketGetsItBackAtTheLatestOnTheNextWrite() throws Exception {
        S3Config config = config(s3.endpoint(), true, "lost-bucket");
        ObjectStore store = new ObjectStore(client, config, Optional.of(s3.inProcessObjects()));
        store.ensureBuckets();
        client.removeBucket(RemoveBucketArgs.builder().bucket("lost-bucket").build());

        byte[] body = "kept".getBytes(StandardCharsets.UTF_8);
        try {
            store.put("lost-bucket", "v1/raw_crash/x", body, "application/json");
        } catch (StorageException expected) {
            store.put("lost-bucket", "v1/raw_crash/x", body, "application/json");
        }
        assertArrayEquals(body, store.get("lost-bucket", "v1/raw_crash/x").orElseThrow());
    }

    @Test
    void onlyAClientOfTheSameEndpointWithTheSwitchOnWritesDirectly() {
        InProcessObjects objects = s3.inProcessObjects();
        assertTrue(InProcessObjects.forConfig(config(s3.endpoint(), true), Optional.of(objects)).isPresent());
        assertTrue(InProcessObjects.forConfig(config(s3.endpoint(), false), Optional.of(objects)).isEmpty());
        assertTrue(InProcessObjects.forConfig(config("http://127.0.0.1:9", true), Optional.of(objects)).isEmpty());
        assertTrue(InProcessObjects.forConfig(config(s3.endpoint(), true), Optional.empty()).isEmpty());
    }

    private static StatObjectResponse stat(String key) throws Exception {
        return client.statObject(StatObjectArgs.builder().bucket(direct.crashBucket()).object(key).build());
    }

    private static S3Config config(String endpoint, boolean inProcess) {
        return config(endpoint, inProcess, "in-process-crashes");
    }

    private static S3Config config(String endpoint, boolean inProcess, String bucket) {
        return FixedS3Config.of(endpoint, s3.accessKey(), s3.secretKey(), bucket, inProcess);
    }
}
