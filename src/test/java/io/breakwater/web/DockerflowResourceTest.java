package io.breakwater.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.nullValue;

/** Dockerflow endpoints against the real services of the global test resource. */
@QuarkusTest
class DockerflowResourceTest {

    @Test
    void lbheartbeatAnswers() {
        given().when().get("/__lbheartbeat__").then().statusCode(200);
    }

    @Test
    void heartbeatIsOkWhenDatabaseAndSearchAreUp() {
        given().when().get("/__heartbeat__").then()
                .statusCode(200)
                .body("status", equalTo("ok"))
                .body("checks.database", equalTo("ok"))
                .body("checks.search", equalTo("ok"))
                .body("details.search.status", anyOf(equalTo("green"), equalTo("yellow")));
    }

    @Test
    void versionNamesTheApplication() {
        given().when().get("/__version__").then()
                .statusCode(200)
                .body("name", equalTo("breakwater"))
                .body("version", not(emptyOrNullString()))
                // Built from a git checkout here, so the build recorded the commit.
                .body("commit", anyOf(nullValue(), matchesPattern("[0-9a-f]{40}")));
    }

    @Test
    void quarkusHealthEndpointListsTheReadinessChecks() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'search' }.status", equalTo("UP"));
    }
}
