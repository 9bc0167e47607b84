package io.breakwater.api;

import io.breakwater.symbolstore.SymbolUploads;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Who may upload (this machine only, for now) and the zip size limit, with the server on every interface. */
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
    void writesFromAnotherAddressAreRefusedButReadsAreServed() throws SocketException {
        Optional<String> address = externalAddress();
        assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address; cannot test remote access");
        String base = "http://" + address.get();
        String id = freshDebugId();
        byte[] z = zip("libremote.so/" + id + "/libremote.so.sym", tinySymbols("libremote.so", id, "f"));
        given().baseUri(base).port(RestAssured.port).contentType("application/zip").body(z)
                .when().post("/api/upload-symbols")
                .then().statusCode(403).body("error", containsString("only allowed from this machine"));
        given().baseUri(base).port(RestAssured.port).multiPart("file", "s.zip", z, "application/zip")
                .when().post("/api/upload-symbols")
                .then().statusCode(403);
        given().baseUri(base).port(RestAssured.port).when().head("/symbols/libremote.so/" + id + "/libremote.so.sym")
                .then().statusCode(404);

        SymbolUploads.upload(z); // from loopback
        given().baseUri(base).port(RestAssured.port).when().get("/symbols/libremote.so/" + id + "/libremote.so.sym")
                .then().statusCode(200);
        given().baseUri(base).port(RestAssured.port).when().delete("/symbols/libremote.so/" + id + "/libremote.so.sym")
                .then().statusCode(403);
        given().when().head("/symbols/libremote.so/" + id + "/libremote.so.sym").then().statusCode(200);
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
        given().multiPart("file", "big.zip", big, "application/zip")
                .when().post("/api/upload-symbols")
                .then().statusCode(413);
        String first = entries.keySet().iterator().next();
        given().when().head("/symbols/" + first).then().statusCode(404);
    }

    @Test
    void loopbackIsRecognisedByAddressOnly() {
        assertTrue(io.breakwater.symbolstore.SymbolWriteAccess.isLoopback("127.0.0.1"));
        assertTrue(io.breakwater.symbolstore.SymbolWriteAccess.isLoopback("127.3.2.1"));
        assertTrue(io.breakwater.symbolstore.SymbolWriteAccess.isLoopback("0:0:0:0:0:0:0:1"));
        assertFalse(io.breakwater.symbolstore.SymbolWriteAccess.isLoopback("192.0.2.2"));
        assertFalse(io.breakwater.symbolstore.SymbolWriteAccess.isLoopback("localhost"));
        assertFalse(io.breakwater.symbolstore.SymbolWriteAccess.isLoopback(null));
    }
}
