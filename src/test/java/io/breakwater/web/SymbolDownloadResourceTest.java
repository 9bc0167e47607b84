package io.breakwater.web;

import io.breakwater.symbolstore.SymbolStore;
import io.breakwater.symbolstore.SymbolUploads;
import io.breakwater.symbols.SymbolSupplier.Status;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.breakwater.symbolstore.SymbolTestFiles.freshDebugId;
import static io.breakwater.symbolstore.SymbolTestFiles.tinySymbols;
import static io.breakwater.symbolstore.SymbolTestFiles.zip;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET|HEAD|DELETE /symbols/<debug_file>/<debug_id>/<name>.sym against the running application. */
@QuarkusTest
class SymbolDownloadResourceTest {

    @Inject
    SymbolStore store;

    @Test
    void servesFilesByTheirSymbolServerPathWithAnyIdCase() {
        String id = freshDebugId();
        byte[] sym = tinySymbols("libdl.so", id, "downloaded");
        SymbolUploads.upload(zip("libdl.so/" + id + "/libdl.so.sym", sym));
        given().when().get("/symbols/libdl.so/" + id.toLowerCase() + "/libdl.so.sym")
                .then().statusCode(200)
                .header("Content-Length", String.valueOf(sym.length))
                .header("ETag", notNullValue())
                .body(equalTo(new String(sym)));
        given().when().head("/symbols/libdl.so/" + id + "/libdl.so.sym")
                .then().statusCode(200)
                .header("Content-Length", String.valueOf(sym.length))
                .body(emptyString());
    }

    @Test
    void windowsNamesWithSpacesRoundTrip() {
        String id = freshDebugId();
        byte[] sym = ("MODULE windows x86_64 " + id + " My App.pdb\nPUBLIC 10 0 main\n").getBytes();
        SymbolUploads.upload(zip("My App.pdb/" + id + "/My App.sym", sym))
                .body("keys[0]", equalTo("My App.pdb/" + id + "/My App.sym"));
        given().when().get("/symbols/{f}/{id}/{n}", "My App.pdb", id, "My App.sym")
                .then().statusCode(200).body(equalTo(new String(sym)));
    }

    @Test
    void missingAndMalformedPathsAre404() {
        String id = freshDebugId();
        given().when().get("/symbols/libnone.so/" + id + "/libnone.so.sym").then().statusCode(404);
        given().when().head("/symbols/libnone.so/" + id + "/libnone.so.sym").then().statusCode(404);
        SymbolUploads.upload(zip("libname.so/" + id + "/libname.so.sym", tinySymbols("libname.so", id, "f")));
        given().when().get("/symbols/libname.so/" + id + "/wrong.sym").then().statusCode(404);
        given().when().get("/symbols/libname.so/not-an-id!/libname.so.sym").then().statusCode(404);
        given().when().get("/symbols/libname.so/" + id).then().statusCode(404);
    }

    @Test
    void deleteRemovesTheFileAndWhatTheCachesKnew() {
        String id = freshDebugId();
        String path = "/symbols/libdel.so/" + id + "/libdel.so.sym";
        SymbolUploads.upload(zip("libdel.so/" + id + "/libdel.so.sym", tinySymbols("libdel.so", id, "f")));
        assertEquals(Status.LOADED, store.locate("libdel.so", id).status());
        SymbolUploads.uploader().when().delete(path).then().statusCode(204);
        given().when().head(path).then().statusCode(404);
        assertEquals(Status.MISSING, store.locate("libdel.so", id).status());
        SymbolUploads.uploader().when().delete(path).then().statusCode(404);
    }
}
