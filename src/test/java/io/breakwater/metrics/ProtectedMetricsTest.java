package io.breakwater.metrics;

import io.breakwater.access.Permission;
import io.breakwater.testsupport.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** With {@code BREAKWATER_METRICS_PROTECTED=true}, {@code /q/metrics} needs a token with the admin permission. */
@QuarkusTest
@TestProfile(ProtectedMetricsTest.Protected.class)
class ProtectedMetricsTest {

    public static class Protected implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.auth.permission.metrics.enabled", "true");
        }
    }

    @Test
    void onlyAdministratorsMayScrape() {
        given().get("/q/metrics").then().statusCode(401);
        given().header("Auth-Token", TestAccounts.token(Permission.VIEW_PII)).get("/q/metrics").then().statusCode(403);
        given().header("Auth-Token", TestAccounts.token(Permission.ADMIN)).get("/q/metrics").then().statusCode(200)
                .body(containsString("breakwater_queue_items"));
        // The rest of the system is not affected.
        given().get("/__lbheartbeat__").then().statusCode(200);
    }
}
