package io.breakwater.collector;

import io.breakwater.storage.CrashIds;
import io.breakwater.storage.ObjectStore;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Helpers shared by the HTTP tests of {@code /submit}. */
final class SubmitTestSupport {

    /** Antenna's expectation for an accepted crash (throttle digit 0). */
    static final Pattern ACCEPTED = Pattern.compile(
            "^CrashID=bp-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{5}[0-9]{7})\\n$");

    private SubmitTestSupport() {
    }

    /** POSTs exactly these bytes with this Content-Type (REST Assured must not add a charset). */
    static Response post(String contentType, byte[] body) {
        var spec = given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
        if (contentType != null) {
            spec = spec.header("Content-Type", contentType);
        }
        return spec.body(body).when().post("/submit");
    }

    /** The crash id of an accepted response; fails when the response is anything else. */
    static String crashId(String responseBody) {
        Matcher m = ACCEPTED.matcher(responseBody);
        assertTrue(m.matches(), "not an accepted crash: " + responseBody);
        String id = m.group(1);
        assertTrue(CrashIds.isValid(id), id);
        return id;
    }

    /** The collector configuration {@code base} with one setting's answer replaced (a hand-built collector's). */
    static CollectorConfig overriding(CollectorConfig base, String setting, Object answer) {
        return (CollectorConfig) Proxy.newProxyInstance(CollectorConfig.class.getClassLoader(),
                new Class<?>[] {CollectorConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals(setting)) {
                        return answer;
                    }
                    try {
                        return method.invoke(base, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static long objectCount(ObjectStore store) {
        return store.list(store.crashBucket(), "v1/", 1_000_000).size();
    }

    /** No dump file under the collector's temp directory (its per-process directory stays). */
    static void assertNoTempFiles(Path dir) throws IOException {
        assertEquals(List.of(), tempFiles(dir), "temporary files left behind");
    }

    static List<Path> tempFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
