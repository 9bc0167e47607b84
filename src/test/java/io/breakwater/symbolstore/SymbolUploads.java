package io.breakwater.symbolstore;

import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;

/** Uploads through the running application's HTTP API. */
public final class SymbolUploads {

    private SymbolUploads() {}

    public static ValidatableResponse postZip(byte[] zip) {
        return given().contentType("application/zip").body(zip)
                .when().post("/api/upload-symbols")
                .then();
    }

    /** Uploads and expects success. */
    public static ValidatableResponse upload(byte[] zip) {
        return postZip(zip).statusCode(201);
    }
}
