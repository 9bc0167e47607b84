package io.breakwater.api;

import io.breakwater.storage.CrashIds;
import io.breakwater.symbolstore.MissingSymbols;
import io.breakwater.symbolstore.SymbolKey;
import io.breakwater.symbolstore.SymbolStore;
import io.breakwater.symbolstore.SymbolTestFiles;
import io.breakwater.symbolstore.SymbolUploads;
import io.breakwater.symbols.SymbolSupplier.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.breakwater.symbolstore.SymbolTestFiles.corpusSymbols;
import static io.breakwater.symbolstore.SymbolTestFiles.freshDebugId;
import static io.breakwater.symbolstore.SymbolTestFiles.tinySymbols;
import static io.breakwater.symbolstore.SymbolTestFiles.zip;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/upload-symbols against the running application and the shared real services. */
@QuarkusTest
class SymbolUploadResourceTest {

    @Inject
    SymbolStore store;

    @Inject
    MissingSymbols missingSymbols;

    @Inject
    DataSource dataSource;

    @Test
    void uploadsTheCorpusAsARawZipAndServesEveryFileBack() {
        var corpus = corpusSymbols();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        corpus.forEach(s -> entries.put(s.entryName(), s.bytes()));
        Response response = SymbolUploads.upload(zip(entries))
                .body("keys", hasSize(corpus.size()))
                .body("files[0].os", equalTo("Linux"))
                .body("files[0].cpu", equalTo("x86_64"))
                .extract().response();
        List<String> keys = response.jsonPath().getList("keys");
        assertEquals(corpus.stream().map(s -> s.key().objectKey()).toList(), keys);
        for (var s : corpus) {
            byte[] served = given().when().get("/symbols/" + s.key().objectKey())
                    .then().statusCode(200).contentType(containsString("text/plain"))
                    .extract().asByteArray();
            assertArrayEquals(s.bytes(), served, s.key().toString());
            given().when().head("/symbols/" + s.key().objectKey())
                    .then().statusCode(200)
                    .header("Content-Length", String.valueOf(s.bytes().length));
        }
    }

    @Test
    void acceptsTheZipAsTheFilePartOfAForm() {
        String id = freshDebugId();
        String key = "libform.so/" + id + "/libform.so.sym";
        SymbolUploads.uploader().multiPart("file", "symbols.zip", zip(key, tinySymbols("libform.so", id, "from_form")), "application/zip")
                .when().post("/api/upload-symbols")
                .then().statusCode(201)
                .body("keys", equalTo(List.of(key)))
                .body("files[0].debug_id", equalTo(id));
        given().when().get("/symbols/" + key).then().statusCode(200).body(containsString("from_form"));
    }

    @Test
    void aFormNeedsExactlyOneFilePart() {
        String id = freshDebugId();
        byte[] z = zip("liba.so/" + id + "/liba.so.sym", tinySymbols("liba.so", id, "f"));
        SymbolUploads.uploader().multiPart("a", "a.zip", z, "application/zip").multiPart("b", "b.zip", z, "application/zip")
                .when().post("/api/upload-symbols")
                .then().statusCode(400).body("error", containsString("exactly one file part"));
        SymbolUploads.uploader().multiPart("note", "hello")
                .when().post("/api/upload-symbols")
                .then().statusCode(400).body("error", containsString("exactly one file part"));
        given().when().head("/symbols/liba.so/" + id + "/liba.so.sym").then().statusCode(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "../libx.so/ID/libx.so.sym      | path leaves the archive (..)",
            "/libx.so/ID/libx.so.sym        | absolute path",
            "C:/libx.so/ID/libx.so.sym      | absolute path (drive letter)",
            "libx.so\\ID\\libx.so.sym       | backslash in path",
            "libx.so/ID/libx.so.txt         | not a .sym file",
            "libx.so/libx.so.sym            | expected <debug_file>/<debug_id>/<name>.sym",
            "libx.so/ID/other.sym           | file name should be libx.so.sym",
    })
    void rejectsBadEntriesWithTheirNameAndReason(String pattern, String reason) {
        String id = freshDebugId();
        String entry = pattern.replace("ID", id);
        SymbolUploads.postZip(zip(entry, tinySymbols("libx.so", id, "f")))
                .statusCode(400)
                .body("entry", equalTo(entry))
                .body("error", containsString(reason))
                .body("error", containsString(entry));
    }

    @Test
    void rejectsSymbolFilesWhoseModuleLineDisagreesWithThePath() {
        String id = freshDebugId();
        String entry = "libx.so/" + id + "/libx.so.sym";
        String otherId = freshDebugId();
        SymbolUploads.postZip(zip(entry, tinySymbols("libx.so", otherId, "f")))
                .statusCode(400).body("entry", equalTo(entry))
                .body("error", containsString("MODULE line has debug id " + otherId + " but the path says " + id));
        SymbolUploads.postZip(zip(entry, tinySymbols("liby.so", id, "f")))
                .statusCode(400).body("error", containsString("MODULE line has debug file \"liby.so\""));
        SymbolUploads.postZip(zip(entry, "not symbols\n".getBytes(StandardCharsets.US_ASCII)))
                .statusCode(400).body("error", containsString("first line is not a MODULE record"));
    }

    @Test
    void rejectsWhatIsNotAZip() {
        SymbolUploads.postZip("hello".getBytes(StandardCharsets.US_ASCII))
                .statusCode(400).body("error", containsString("not a zip of symbol files"));
        SymbolUploads.postZip("PK\u0003\u0004 but not really a zip".getBytes(StandardCharsets.US_ASCII))
                .statusCode(400).body("error", containsString("not a valid zip archive"));
        SymbolUploads.uploader().contentType("application/pdf").body("hello".getBytes(StandardCharsets.US_ASCII)).when().post("/api/upload-symbols")
                .then().statusCode(415);
    }

    @Test
    void nothingIsPublishedWhenAnyEntryIsBad() {
        String good = freshDebugId();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("libgood.so/" + good + "/libgood.so.sym", tinySymbols("libgood.so", good, "f"));
        entries.put("libgood.so/" + good + "/notes.txt", "x".getBytes(StandardCharsets.US_ASCII));
        SymbolUploads.postZip(zip(entries)).statusCode(400).body("entry", equalTo("libgood.so/" + good + "/notes.txt"));
        given().when().head("/symbols/libgood.so/" + good + "/libgood.so.sym").then().statusCode(404);
        assertEquals(Status.MISSING, store.bucketSupplier().locate(new SymbolKey("libgood.so", good)).status());
    }

    @Test
    void anUploadEndsTheMissCacheForItsModules() {
        String id = freshDebugId();
        assertEquals(Status.MISSING, store.locate("liblate.so", id).status());
        long hits = store.memoryStats().hits();
        assertEquals(Status.MISSING, store.locate("liblate.so", id).status());
        assertEquals(hits + 1, store.memoryStats().hits(), "the miss is remembered");

        SymbolUploads.upload(zip("liblate.so/" + id + "/liblate.so.sym", tinySymbols("liblate.so", id, "late_function")));
        var result = store.locate("liblate.so", id);
        assertEquals(Status.LOADED, result.status(), "the upload forgot the miss at once");
        assertEquals("late_function", result.symbols().function(0x1008).name());
        assertEquals(7, result.symbols().line(0x1008).line());
    }

    @Test
    void reuploadReplacesTheFileAndTheParsedSymbols() {
        String id = freshDebugId();
        String key = "librepl.so/" + id + "/librepl.so.sym";
        SymbolUploads.upload(zip(key, tinySymbols("librepl.so", id, "first")));
        assertEquals("first", store.locate("librepl.so", id).symbols().function(0x1000).name());
        SymbolUploads.upload(zip(key, tinySymbols("librepl.so", id, "second")));
        assertEquals("second", store.locate("librepl.so", id).symbols().function(0x1000).name());
        given().when().get("/symbols/" + key).then().statusCode(200).body(containsString("FUNC 1000 20 0 second"));
    }

    @Test
    void uploadsAreRecordedWithTheirFiles() throws Exception {
        String id = freshDebugId();
        byte[] sym = tinySymbols("librec.so", id, "f");
        long uploadId = SymbolUploads.upload(zip("librec.so/" + id + "/librec.so.sym", sym))
                .extract().jsonPath().getLong("id");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT u.uploaded_by, u.file_count, f.symbol_key, f.size_bytes "
                     + "FROM symbol_upload u JOIN symbol_upload_file f ON f.upload_id = u.id WHERE u.id = ?")) {
            ps.setLong(1, uploadId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).matches("user-[0-9a-f]{8}@test\\.example \\(token \\d+\\)"),
                        "the uploader is the token's owner: " + rs.getString(1));
                assertEquals(1, rs.getInt(2));
                assertEquals("librec.so/" + id + "/librec.so.sym", rs.getString(3));
                assertEquals(sym.length, rs.getLong(4));
            }
        }
    }

    @Test
    void crashesWaitingForTheUploadedModuleAreQueuedForReprocessing() throws Exception {
        String id = freshDebugId();
        SymbolKey waitedFor = new SymbolKey("libwait.so", id);
        SymbolKey other = new SymbolKey("libother.so", freshDebugId());
        // Real crash ids: other tests' workers may claim these queue items and must see valid ids.
        String crashA = CrashIds.create(CrashIds.todayUtc(), 0);
        String crashB = CrashIds.create(CrashIds.todayUtc(), 0);
        String crashC = CrashIds.create(CrashIds.todayUtc(), 0);
        missingSymbols.record(crashA, List.of(waitedFor, other));
        missingSymbols.record(crashB, List.of(waitedFor));
        missingSymbols.record(crashC, List.of(other));
        assertEquals(List.of(crashA, crashB).stream().sorted().toList(),
                missingSymbols.crashesMissing(List.of(waitedFor), Duration.ofDays(1), 10).stream().sorted().toList());

        SymbolUploads.upload(zip("libwait.so/" + id + "/libwait.so.sym", tinySymbols("libwait.so", id, "f")))
                .body("reprocessing_queued", equalTo(2));
        assertEquals(2, queued(List.of(crashA, crashB)));
        assertEquals(0, queued(List.of(crashC)));
        assertTrue(missingSymbols.crashesMissing(List.of(waitedFor), Duration.ofDays(1), 10).isEmpty(),
                "queued crashes are no longer waiting");
        assertEquals(List.of(crashA), missingSymbols.crashesMissing(List.of(other), Duration.ofDays(1), 10).stream()
                .filter(c -> c.equals(crashA)).toList(), "the other missing module is still recorded");
    }

    private int queued(List<String> crashIds) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM crash_queue WHERE lane = 'REPROCESSING' AND crash_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("varchar", crashIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
