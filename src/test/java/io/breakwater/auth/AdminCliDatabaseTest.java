package io.breakwater.auth;

import io.breakwater.access.Permission;
import io.breakwater.local.LocalServicesTestResource;
import io.breakwater.testsupport.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code quarkus-run.jar admin ...} against real databases: the running server's (as configured by
 * BREAKWATER_DB_URL), and an embedded one started just for the command on a fresh data directory.
 */
@QuarkusTest
class AdminCliDatabaseTest {

    @Inject
    AccountStore accounts;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, Map<String, String> config, String... args) {
        out.reset();
        err.reset();
        return AdminCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                AdminCli.database(config::get), null);
    }

    private static Map<String, String> serverDatabase() {
        LocalServicesTestResource.Shared shared = LocalServicesTestResource.shared();
        return Map.of("BREAKWATER_DB_URL", shared.jdbcUrl(), "BREAKWATER_DB_USER", shared.dbUser(),
                "BREAKWATER_DB_PASSWORD", shared.dbPassword() == null ? "" : shared.dbPassword());
    }

    @Test
    void theFirstAdministratorSignsInAndTheirTokenWorks() {
        String email = "first-admin-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        assertEquals(0, run("a first admin password\n", serverDatabase(), "create-user", "--email", email, "--superuser"),
                err.toString());
        assertTrue(out.toString().contains("created " + email + " [superuser]"), out.toString());
        Account account = accounts.findByEmail(email).orElseThrow();
        assertTrue(account.superuser());

        // The running server takes the password the command line set.
        TestAccounts.Browser browser = TestAccounts.login(email, "a first admin password");
        given().cookie("bw_session", browser.sessionCookie()).get("/admin/").then().statusCode(200);

        assertEquals(1, run("another password here\n", serverDatabase(), "create-user", "--email", email),
                "the same e-mail twice");
        assertTrue(err.toString().contains("already exists"), err.toString());

        assertEquals(0, run("", serverDatabase(), "create-token", "--email", email, "--permission", "admin",
                "--note", "automation", "--days", "2"), err.toString());
        String token = out.toString().strip();
        assertTrue(Secrets.looksLikeApiToken(token), token);
        given().header("Auth-Token", token).get("/api/internal/processor-stats").then().statusCode(200);

        assertEquals(0, run("a changed password\n", serverDatabase(), "set-password", "--email", email), err.toString());
        given().redirects().follow(false).cookie("bw_session", browser.sessionCookie()).get("/admin/")
                .then().statusCode(303);
        TestAccounts.login(email, "a changed password");

        assertEquals(0, run("", serverDatabase(), "list-users"));
        assertTrue(out.toString().contains(email + " [superuser]"));
        assertEquals(1, run("", serverDatabase(), "create-token", "--email", "nobody-" + email, "--permission", "admin"));
    }

    @Test
    void aTokenCannotHoldMoreThanItsOwner() {
        String email = "limited-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        assertEquals(0, run("a long password 1\n", serverDatabase(), "create-user", "--email", email,
                "--group", "Symbol uploaders"), err.toString());
        assertEquals(java.util.Set.of(Permission.UPLOAD_SYMBOLS), accounts.permissions(accounts.findByEmail(email)
                .orElseThrow().id()));
        assertEquals(1, run("", serverDatabase(), "create-token", "--email", email, "--permission", "view_pii"));
        assertTrue(err.toString().contains("missing: view_pii"), err.toString());
        assertEquals(1, run("a long password 1\n", serverDatabase(), "create-user", "--email", "x" + email,
                "--group", "No such group"));
        assertTrue(err.toString().contains("no group named"), err.toString());
    }

    @Test
    void withoutARunningServerTheCommandStartsTheEmbeddedDatabaseItself() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "admin-cli-data-");
        Map<String, String> embedded = Map.of("BREAKWATER_DATA_DIR", dataDir.toString());
        assertEquals(0, run("a long password 2\n", embedded, "create-user", "--email", "solo@test.example",
                "--superuser"), err.toString());
        // A second command finds the schema and the account in the same data directory.
        assertEquals(0, run("", embedded, "list-users"), err.toString());
        assertTrue(out.toString().contains("solo@test.example [superuser]"), out.toString());
        assertTrue(Files.isDirectory(dataDir.resolve("postgres")));
        assertTrue(!Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")), "and stops it again");
    }
}
