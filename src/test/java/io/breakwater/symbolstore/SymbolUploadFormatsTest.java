package io.breakwater.symbolstore;

import io.breakwater.access.Permission;
import io.breakwater.symbols.SymbolSupplier.Status;
import io.breakwater.testsupport.TestAccounts;
import io.breakwater.testsupport.TestFileServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static io.breakwater.symbolstore.SymbolTestFiles.freshDebugId;
import static io.breakwater.symbolstore.SymbolTestFiles.tinySymbols;
import static io.breakwater.symbolstore.SymbolTestFiles.zip;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Symbol uploads in the shapes real tools send: zips with a top-level folder, single .sym and .sym.gz
 * files, Breakpad's symupload (plain form, and the sym-upload-v2 protocol), Tecken's upload by download URL;
 * and read-through to an upstream symbol server.
 */
@QuarkusTest
@TestProfile(SymbolUploadFormatsTest.WithFileServer.class)
class SymbolUploadFormatsTest {

    public static class WithFileServer implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestFileServer.class));
        }
    }

    @Inject
    SymbolStore store;

    private static void served(String path) {
        given().get("/symbols/" + path).then().statusCode(200);
    }

    @Test
    void aZipWithATopLevelFolderAsElectronMakesIt() {
        String id = freshDebugId();
        String key = "libelectron.so/" + id + "/libelectron.so.sym";
        SymbolUploads.uploader().contentType("application/zip")
                .body(zip("breakpad_symbols/" + key, tinySymbols("libelectron.so", id, "f")))
                .post("/api/upload-symbols").then().statusCode(201).body("keys", equalTo(List.of(key)));
        served(key);
    }

    @Test
    void aSingleSymFileIsFiledUnderItsModuleLine() {
        String id = freshDebugId();
        byte[] pdb = ("MODULE windows x86_64 " + id + " app.pdb\nFUNC 1000 10 0 main\n").getBytes(StandardCharsets.UTF_8);
        SymbolUploads.uploader().contentType("text/plain").body(pdb).post("/api/upload-symbols")
                .then().statusCode(201).body("keys", equalTo(List.of("app.pdb/" + id + "/app.sym")));
        served("app.pdb/" + id + "/app.sym");

        String id2 = freshDebugId();
        SymbolUploads.uploader().contentType("application/octet-stream").body(tinySymbols("libplain.so", id2, "g"))
                .post("/api/upload-symbols").then().statusCode(201)
                .body("files[0].debug_file", equalTo("libplain.so")).body("files[0].os", equalTo("Linux"));
    }

    @Test
    void aGzippedSymFile() throws Exception {
        String id = freshDebugId();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tinySymbols("libgz.so", id, "h"));
        }
        SymbolUploads.uploader().contentType("application/gzip").body(gz.toByteArray()).post("/api/upload-symbols")
                .then().statusCode(201).body("keys", equalTo(List.of("libgz.so/" + id + "/libgz.so.sym")));
        byte[] truncated = java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
        SymbolUploads.uploader().contentType("application/gzip").body(truncated).post("/api/upload-symbols")
                .then().statusCode(400);
    }

    @Test
    void somethingElseIsRefusedWithAReason() {
        SymbolUploads.uploader().contentType("application/octet-stream").body("hello".getBytes())
                .post("/api/upload-symbols").then().statusCode(400)
                .body("error", containsString("not a zip of symbol files, a .sym file or a .sym.gz file"));
    }

    @Test
    void breakpadSymuploadPlainFormWithItsKeyInTheQuery() {
        String token = TestAccounts.token(Permission.UPLOAD_SYMBOLS);
        String id = freshDebugId();
        // What `symupload <file> <url>` sends: module facts as fields and the file as symbol_file.
        given().queryParam("key", token)
                .multiPart("code_file", "libsymupload.so").multiPart("debug_file", "libsymupload.so")
                .multiPart("debug_identifier", id).multiPart("os", "Linux").multiPart("cpu", "x86_64")
                .multiPart("symbol_file", "libsymupload.so.sym", tinySymbols("libsymupload.so", id, "s"), "application/octet-stream")
                .post("/api/upload-symbols").then().statusCode(201);
        served("libsymupload.so/" + id + "/libsymupload.so.sym");
        given().queryParam("key", "bw_" + "n".repeat(40))
                .multiPart("symbol_file", "x.sym", tinySymbols("libx.so", id, "s"), "application/octet-stream")
                .post("/api/upload-symbols").then().statusCode(401);
    }

    @Test
    void breakpadSymuploadV2() {
        String token = TestAccounts.token(Permission.UPLOAD_SYMBOLS);
        String id = freshDebugId();
        String status = "/api/symupload/v1/symbols/libv2.so/" + id + ":checkStatus";
        given().get(status).then().statusCode(401);
        assertEquals("{\"status\": \"MISSING\"}", given().queryParam("key", token).get(status).then().statusCode(200)
                .extract().asString());

        String created = given().queryParam("key", token).post("/api/symupload/v1/uploads:create").then().statusCode(200)
                .extract().asString();
        assertTrue(created.matches("\\{\"uploadUrl\": \"http://[^\"]+/api/symupload/v1/uploads/([^\"]+)\", \"uploadKey\": \"[^\"]+\"}"),
                created);
        String uploadKey = created.replaceAll(".*\"uploadKey\": \"([^\"]+)\".*", "$1");
        given().queryParam("key", token).body(tinySymbols("libv2.so", id, "v2")).put("/api/symupload/v1/uploads/" + uploadKey)
                .then().statusCode(200);
        String completed = given().queryParam("key", token).contentType("application/json")
                .body("{ symbol_id: {debug_file: \"libv2.so\", debug_id: \"" + id + "\" }, symbol_upload_type: \"BREAKPAD\" }")
                .post("/api/symupload/v1/uploads/" + uploadKey + ":complete").then().statusCode(200).extract().asString();
        assertEquals("{\"result\": \"OK\"}", completed);
        assertEquals("{\"status\": \"FOUND\"}", given().queryParam("key", token).get(status).then().extract().asString());
        served("libv2.so/" + id + "/libv2.so.sym");
        given().queryParam("key", token).post("/api/symupload/v1/uploads/" + uploadKey + ":complete").then().statusCode(404);
    }

    @Test
    void uploadByDownloadUrlFromAnAllowedHostOnly() throws Exception {
        String id = freshDebugId();
        String key = "libdownload.so/" + id + "/libdownload.so.sym";
        TestFileServer.put("ci/symbols-" + id + ".zip", zip(key, tinySymbols("libdownload.so", id, "d")));
        SymbolUploads.uploader().formParam("url", TestFileServer.base() + "ci/symbols-" + id + ".zip")
                .post("/api/upload-symbols").then().statusCode(201).body("keys", equalTo(List.of(key)));
        served(key);
        SymbolUploads.uploader().multiPart("url", TestFileServer.base() + "ci/symbols-" + id + ".zip")
                .post("/api/upload-symbols").then().statusCode(201);

        SymbolUploads.uploader().formParam("url", "http://localhost:" + System.getProperty(TestFileServer.PORT_PROPERTY)
                + "/ci/symbols-" + id + ".zip").post("/api/upload-symbols").then().statusCode(400)
                .body("error", containsString("does not download from localhost"));
        SymbolUploads.uploader().formParam("url", TestFileServer.base() + "redirect/ci/symbols-" + id + ".zip")
                .post("/api/upload-symbols").then().statusCode(400).body("error", containsString("localhost"));
        SymbolUploads.uploader().formParam("url", "file:///etc/passwd").post("/api/upload-symbols").then().statusCode(400);
        given().formParam("url", TestFileServer.base() + "ci/symbols-" + id + ".zip").post("/api/upload-symbols")
                .then().statusCode(401);
    }

    @Test
    void modulesMissingHereAreReadThroughFromAnUpstreamServer() throws Exception {
        String id = freshDebugId();
        TestFileServer.put("upstream/libupstream.so/" + id + "/libupstream.so.sym", tinySymbols("libupstream.so", id, "u"));
        assertEquals(Status.LOADED, store.locate("libupstream.so", id).status());
        served("libupstream.so/" + id + "/libupstream.so.sym");
        String other = freshDebugId();
        TestFileServer.put("upstream/libliar.so/" + other + "/libliar.so.sym", tinySymbols("libliar.so", freshDebugId(), "x"));
        assertEquals(Status.MISSING, store.locate("libliar.so", other).status(), "a file naming another module is refused");
    }
}
