package io.breakwater.symbolstore;

import io.breakwater.access.Permission;
import io.breakwater.testsupport.TestAccounts;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Uploads through the running application's HTTP API, with a token that may upload symbols. */
public final class SymbolUploads {

    private static String token;

    private SymbolUploads() {}

    /** A request carrying an {@code upload_symbols} token (made once per test JVM). */
    public static synchronized RequestSpecification uploader() {
        if (token == null) {
            token = TestAccounts.token(Permission.UPLOAD_SYMBOLS);
        }
        return given().header("Auth-Token", token);
    }

    public static ValidatableResponse postZip(byte[] zip) {
        return uploader().contentType("application/zip").body(zip)
                .when().post("/api/upload-symbols")
                .then();
    }

    /** Uploads and expects success. */
    public static ValidatableResponse upload(byte[] zip) {
        return postZip(zip).statusCode(201);
    }
}
