package io.breakwater.api;

import io.breakwater.access.Permission;
import io.breakwater.symbolstore.SymbolUploads;
import io.breakwater.testsupport.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static io.breakwater.symbolstore.SymbolTestFiles.freshDebugId;
import static io.breakwater.symbolstore.SymbolTestFiles.tinySymbols;
import static io.breakwater.symbolstore.SymbolTestFiles.zip;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Who may upload (a token with upload_symbols, from any address) and the zip size limit, with the server on every interface. */
@QuarkusTest
@TestProfile(SymbolUploadLimitsTest.Profile.class)
class SymbolUploadLimitsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.host", "0.0.0.0",
                    "quarkus.http.test-host", "0.0.0.0",
                    "breakwater.symbols.upload.max-size", "4K");
        }
    }

    /** An address of this machine that is not loopback, so requests to it do not come from 127.0.0.1. */
    private static Optional<String> externalAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return Optional.of(a.getHostAddress());
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void anUploadTokenWorksFromAnotherAddressAndGrantsNothingElse() throws SocketException {
        Optional<String> address = externalAddress();
        assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address; cannot test remote access");
        String base = "http://" + address.get();
        String id = freshDebugId();
        String key = "libremote.so/" + id + "/libremote.so.sym";
        byte[] z = zip(key, tinySymbols("libremote.so", id, "f"));

        // No credential: refused from anywhere, forged proxy headers or not.
        given().baseUri(base).port(RestAssured.port).contentType("application/zip").body(z)
                .when().post("/api/upload-symbols")
                .then().statusCode(401).body("permission_needed", equalTo("upload_symbols"));
        given().header("X-Forwarded-For", "127.0.0.1").contentType("application/zip").body(z)
                .when().post("/api/upload-symbols").then().statusCode(401);
        given().baseUri(base).port(RestAssured.port).multiPart("file", "s.zip", z, "application/zip")
                .when().post("/api/upload-symbols").then().statusCode(401);
        given().baseUri(base).port(RestAssured.port).when().head("/symbols/" + key).then().statusCode(404);

        String token = TestAccounts.token(Permission.UPLOAD_SYMBOLS);
        given().baseUri(base).port(RestAssured.port).header("Auth-Token", token).contentType("application/zip").body(z)
                .when().post("/api/upload-symbols").then().statusCode(201).body("keys", hasItem(key));
        given().baseUri(base).port(RestAssured.port).when().get("/symbols/" + key).then().statusCode(200);

        // The same token may not reprocess or read protected data.
        given().baseUri(base).port(RestAssured.port).header("Auth-Token", token).formParam("crash_ids", "bp-x")
                .post("/api/Reprocessing").then().statusCode(403).body("permission_needed", equalTo("reprocess_crashes"));
        given().baseUri(base).port(RestAssured.port).header("Auth-Token", token)
                .queryParam("crash_id", "de1bb258-cbbf-4589-a673-34f800160918").queryParam("datatype", "unredacted")
                .get("/api/ProcessedCrash").then().statusCode(403).body("permission_needed", equalTo("view_pii"));
        given().baseUri(base).port(RestAssured.port).header("Auth-Token", token).queryParam("_columns", "url")
                .get("/api/SuperSearchUnredacted").then().statusCode(403);

        given().baseUri(base).port(RestAssured.port).when().delete("/symbols/" + key).then().statusCode(401);
        given().when().head("/symbols/" + key).then().statusCode(200);
        given().baseUri(base).port(RestAssured.port).header("Auth-Token", token).when().delete("/symbols/" + key)
                .then().statusCode(204);
        given().when().head("/symbols/" + key).then().statusCode(404);
    }

    @Test
    void zipsOverTheSizeLimitAre413() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        // Random-looking names keep the zip from compressing below the 4 KiB limit.
        for (int i = 0; i < 40; i++) {
            String id = freshDebugId();
            entries.put("lib" + id + ".so/" + id + "/lib" + id + ".so.sym", tinySymbols("lib" + id + ".so", id, "f" + id));
        }
        byte[] big = zip(entries);
        assertTrue(big.length > 4096, "test zip is " + big.length + " bytes");
        SymbolUploads.postZip(big).statusCode(413).body("error", containsString("larger than the limit of 4096 bytes"));
        SymbolUploads.uploader().multiPart("file", "big.zip", big, "application/zip")
                .when().post("/api/upload-symbols")
                .then().statusCode(413);
        String first = entries.keySet().iterator().next();
        given().when().head("/symbols/" + first).then().statusCode(404);
    }
}
