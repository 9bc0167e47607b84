package io.breakwater.web;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** With the search node unreachable the heartbeat must fail while the load-balancer heartbeat still answers. */
@QuarkusTest
@TestProfile(DockerflowHeartbeatFailureTest.SearchUnreachable.class)
class DockerflowHeartbeatFailureTest {

    public static class SearchUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 1 on loopback: nothing listens there, connections are refused at once.
            return Map.of("breakwater.es.url", "http://127.0.0.1:1");
        }
    }

    @Test
    void heartbeatIs500AndNamesTheFailingCheck() {
        given().when().get("/__heartbeat__").then()
                .statusCode(500)
                .body("status", equalTo("error"))
                .body("checks.search", equalTo("error"))
                .body("checks.database", equalTo("ok"))
                .body("details.search.error", notNullValue());
    }

    @Test
    void lbheartbeatStillAnswers() {
        given().when().get("/__lbheartbeat__").then().statusCode(200);
    }
}
