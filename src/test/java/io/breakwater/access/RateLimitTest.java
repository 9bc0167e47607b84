package io.breakwater.access;

import io.breakwater.testsupport.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request limits per minute on the API and Super Search, per client address or per account, and on login. */
@QuarkusTest
@TestProfile(RateLimitTest.Limits.class)
class RateLimitTest {

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("breakwater.access.rate-limit.anonymous-per-minute", "5",
                    "breakwater.access.rate-limit.authenticated-per-minute", "8",
                    "breakwater.access.rate-limit.login-per-minute", "3");
        }
    }

    @Test
    void anonymousCallersGet429AfterTheirShareAndTokensCountApart() {
        // Anonymous calls share one bucket per client address, across the API and the search page.
        for (int i = 0; i < 4; i++) {
            given().get("/api/SuperSearchFields").then().statusCode(200);
        }
        given().redirects().follow(false).get("/search/").then().statusCode(200);
        Response limited = given().get("/api/SuperSearchFields");
        assertEquals(429, limited.statusCode());
        long retryAfter = Long.parseLong(limited.getHeader("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(limited.jsonPath().getString("error").contains("more than 5 requests a minute"));
        assertEquals(429, given().get("/search/").statusCode(), "the search page shares the limit");

        // A forged proxy header does not make a new client.
        assertEquals(429, given().header("X-Forwarded-For", "198.51.100.7").get("/api/SuperSearchFields").statusCode());
        // Pages other than search, health and the collector are not limited here.
        given().get("/__lbheartbeat__").then().statusCode(200);
        given().post("/submit").then().statusCode(400);

        String token = TestAccounts.token();
        for (int i = 0; i < 8; i++) {
            given().header("Auth-Token", token).get("/api/SuperSearchFields").then().statusCode(200);
        }
        given().header("Auth-Token", token).get("/api/SuperSearchFields").then().statusCode(429);
        given().header("Auth-Token", TestAccounts.token()).get("/api/SuperSearchFields").then().statusCode(200);
    }

    @Test
    void loginAttemptsAreLimitedPerAddress() {
        int refused = 0;
        for (int i = 0; i < 5; i++) {
            Response r = given().redirects().follow(false).formParam("email", "nobody@test.example")
                    .formParam("password", "wrong password").formParam("login_token", "x").post("/login");
            if (r.statusCode() == 429) {
                refused++;
                assertTrue(r.getHeader("Retry-After") != null);
            }
        }
        assertEquals(2, refused, "three attempts a minute, then 429");
    }
}
