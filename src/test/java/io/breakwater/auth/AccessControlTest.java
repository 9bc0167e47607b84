package io.breakwater.auth;

import io.breakwater.access.Permission;
import io.breakwater.storage.CrashIds;
import io.breakwater.storage.CrashStorage;
import io.breakwater.testsupport.TestAccounts;
import io.breakwater.testsupport.TestAccounts.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts, sessions, anti-forgery tokens and API tokens against the real PostgreSQL: login and logout,
 * CSRF rejection, token expiry and revocation, and permissions that vanish the moment they are taken.
 */
@QuarkusTest
class AccessControlTest {

    private static final String SECRET_URL = "https://intranet.example/secret-page?session=42";

    @Inject
    DataSource dataSource;

    @Inject
    AccountStore accounts;

    @Inject
    CrashStorage storage;

    @Test
    void loginAndLogoutThroughThePages() {
        Account user = TestAccounts.user(Permission.VIEW_PII);

        Response form = given().get("/login");
        String loginToken = TestAccounts.hidden(form.asString(), "login_token");
        String loginCookie = form.getCookie("bw_login");
        Response wrong = given().redirects().follow(false).cookie("bw_login", loginCookie)
                .formParam("email", user.email()).formParam("password", "not the password")
                .formParam("login_token", loginToken).post("/login");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.asString().contains(Logins.FAILED));
        assertTrue(wrong.getCookie("bw_session") == null || wrong.getCookie("bw_session").isEmpty());
        Response unknown = given().redirects().follow(false).cookie("bw_login", loginCookie)
                .formParam("email", "nobody-" + user.email()).formParam("password", TestAccounts.PASSWORD)
                .formParam("login_token", loginToken).post("/login");
        assertEquals(401, unknown.statusCode());
        assertTrue(unknown.asString().contains(Logins.FAILED), "the same answer as a wrong password");

        Response ok = given().redirects().follow(false).cookie("bw_login", loginCookie)
                .formParam("email", user.email().toUpperCase()).formParam("password", TestAccounts.PASSWORD)
                .formParam("login_token", loginToken).formParam("next", "/tokens/").post("/login");
        assertEquals(303, ok.statusCode());
        assertTrue(ok.getHeader("Location").endsWith("/tokens/"), ok.getHeader("Location"));
        var cookie = ok.getDetailedCookie("bw_session");
        assertTrue(cookie.isHttpOnly(), "HttpOnly");
        assertEquals("Lax", cookie.getSameSite());
        assertFalse(cookie.isSecured(), "plain HTTP from a client that is not a trusted proxy: no Secure flag");
        String session = cookie.getValue();

        String profile = given().cookie("bw_session", session).get("/profile/").then().statusCode(200).extract().asString();
        assertTrue(profile.contains(user.email()) && profile.contains("view_pii"), "who I am and what I may do");
        String csrf = TestAccounts.hidden(profile, "csrf_token");

        Response out = given().redirects().follow(false).cookie("bw_session", session)
                .formParam("csrf_token", csrf).post("/logout");
        assertEquals(303, out.statusCode());
        assertEquals("", out.getCookie("bw_session"), "the cookie is cleared");
        assertEquals(0, new SessionStore(dataSource).countFor(user.id()), "the session is gone from the database");

        Response after = given().redirects().follow(false).cookie("bw_session", session).get("/profile/");
        assertEquals(303, after.statusCode(), "the old cookie signs nobody in");
        assertTrue(after.getHeader("Location").contains("/login?next=%2Fprofile%2F"), after.getHeader("Location"));
    }

    @Test
    void idleSessionsEndAndArePurged() throws Exception {
        Account user = TestAccounts.user();
        Browser idle = TestAccounts.login(user);
        Browser fresh = TestAccounts.login(user);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE web_session SET last_seen_at = now() - interval '4 days' "
                     + "WHERE session_hash = ?")) {
            ps.setBytes(1, Secrets.sha256(idle.sessionCookie()));
            assertEquals(1, ps.executeUpdate());
        }
        Response after = given().redirects().follow(false).cookie("bw_session", idle.sessionCookie()).get("/profile/");
        assertEquals(303, after.statusCode(), "idle for longer than the timeout: signed out");
        assertEquals("", after.getCookie("bw_session"), "and the browser is told to drop the cookie");
        given().cookie("bw_session", fresh.sessionCookie()).get("/profile/").then().statusCode(200);

        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE web_session SET expires_at = now() - interval '1 second' "
                     + "WHERE session_hash = ?")) {
            ps.setBytes(1, Secrets.sha256(fresh.sessionCookie()));
            ps.executeUpdate();
        }
        SessionStore store = new SessionStore(dataSource);
        assertEquals(1, store.countFor(user.id()));
        assertTrue(store.purgeExpired(java.time.Instant.now(), java.time.Duration.ofDays(3)) >= 1);
        assertEquals(0, store.countFor(user.id()), "expired sessions are purged");
    }

    @Test
    void aLoginFormFromAnotherSiteIsRefused() {
        Account user = TestAccounts.user();
        // No login-form cookie: the form was not loaded from this site by this browser.
        Response forged = given().redirects().follow(false).formParam("email", user.email())
                .formParam("password", TestAccounts.PASSWORD).formParam("login_token", "made-up").post("/login");
        assertEquals(403, forged.statusCode());
        assertTrue(forged.getCookie("bw_session") == null || forged.getCookie("bw_session").isEmpty());
    }

    @Test
    void deactivatedAccountsCannotSignIn() {
        Account user = TestAccounts.user();
        Browser browser = TestAccounts.login(user);
        accounts.setActive(user.id(), false);
        given().redirects().follow(false).cookie("bw_session", browser.sessionCookie()).get("/profile/")
                .then().statusCode(303);
        Response form = given().get("/login");
        given().redirects().follow(false).cookie("bw_login", form.getCookie("bw_login"))
                .formParam("email", user.email()).formParam("password", TestAccounts.PASSWORD)
                .formParam("login_token", TestAccounts.hidden(form.asString(), "login_token"))
                .post("/login").then().statusCode(401);
    }

    @Test
    void changesFromASessionNeedItsAntiForgeryToken() {
        Account user = TestAccounts.user(Permission.REPROCESS_CRASHES, Permission.VIEW_PII);
        Browser browser = TestAccounts.login(user);

        given().cookie("bw_session", browser.sessionCookie()).formParam("note", "no token")
                .post("/tokens/").then().statusCode(403).body(containsString("anti-forgery"));
        given().cookie("bw_session", browser.sessionCookie()).formParam("note", "wrong token")
                .formParam("csrf_token", "x" + browser.csrfToken()).post("/tokens/")
                .then().statusCode(403).body(containsString("does not belong to your session"));
        given().redirects().follow(false).cookie("bw_session", browser.sessionCookie()).post("/logout")
                .then().statusCode(403);
        assertEquals(0, new TokenStore(dataSource).listFor(user.id()).size(), "no token was made");

        // The API refuses a session without the header, and accepts the session with it.
        String id = CrashIds.create(LocalDate.now(), 0);
        given().cookie("bw_session", browser.sessionCookie()).formParam("crash_ids", id).post("/api/Reprocessing")
                .then().statusCode(403).body("error", containsString("anti-forgery"));
        given().cookie("bw_session", browser.sessionCookie()).header("X-CSRF-Token", browser.csrfToken())
                .formParam("crash_ids", id).post("/api/Reprocessing")
                .then().statusCode(400).body("error", equalTo("unknown crash ids"));

        String page = given().cookie("bw_session", browser.sessionCookie()).formParam("csrf_token", browser.csrfToken())
                .formParam("note", "from the page").formParam("permission", "view_pii").post("/tokens/")
                .then().statusCode(201).extract().asString();
        assertTrue(page.contains("id=\"new-token\">bw_"), "the new token is shown once");
        assertEquals(1, new TokenStore(dataSource).listFor(user.id()).size());
    }

    @Test
    void aTokenCanHoldOnlyItsOwnersPermissions() {
        Account user = TestAccounts.user(Permission.VIEW_PII);
        Browser browser = TestAccounts.login(user);
        given().cookie("bw_session", browser.sessionCookie()).formParam("csrf_token", browser.csrfToken())
                .formParam("permission", "upload_symbols").post("/tokens/")
                .then().statusCode(400).body(containsString("missing: upload_symbols"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TestAccounts.tokens()
                .create(user.id(), EnumSet.of(Permission.ADMIN), "", java.time.Instant.now().plusSeconds(60)));
    }

    @Test
    void expiredAndRevokedTokensAreRefused() throws Exception {
        Account user = TestAccounts.user(Permission.REPROCESS_CRASHES);
        String token = TestAccounts.tokenFor(user, EnumSet.of(Permission.REPROCESS_CRASHES));
        String unknownCrash = CrashIds.create(LocalDate.now(), 0);
        given().header("Auth-Token", token).formParam("crash_ids", unknownCrash).post("/api/Reprocessing")
                .then().statusCode(400);
        ApiToken listed = new TokenStore(dataSource).listFor(user.id()).getFirst();
        assertNotNull(listed.lastUsedAt(), "its use is recorded");

        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = ?")) {
            ps.setLong(1, listed.id());
            ps.executeUpdate();
        }
        given().header("Auth-Token", token).formParam("crash_ids", unknownCrash).post("/api/Reprocessing")
                .then().statusCode(401).body("error", containsString("expired"));
        given().header("Auth-Token", token).get("/api/SuperSearchFields")
                .then().statusCode(401).body("error", containsString("expired"));

        String second = TestAccounts.tokenFor(user, EnumSet.of(Permission.REPROCESS_CRASHES));
        long secondId = new TokenStore(dataSource).listFor(user.id()).getFirst().id();
        Browser browser = TestAccounts.login(user);
        String tokensPage = given().cookie("bw_session", browser.sessionCookie()).get("/tokens/").then().statusCode(200)
                .extract().asString();
        assertTrue(tokensPage.contains("data-token-id=\"" + secondId + "\""), "listed on My API tokens");
        given().redirects().follow(false).cookie("bw_session", browser.sessionCookie())
                .formParam("csrf_token", browser.csrfToken()).post("/tokens/" + secondId + "/revoke")
                .then().statusCode(303);
        given().header("Auth-Token", second).formParam("crash_ids", unknownCrash).post("/api/Reprocessing")
                .then().statusCode(401).body("error", containsString("revoked"));

        // Someone else's token cannot be revoked by a non-admin.
        String others = TestAccounts.token(Permission.REPROCESS_CRASHES);
        long othersId = TestAccounts.tokens().listAll().stream().filter(t -> !t.accountEmail().equals(user.email()))
                .filter(t -> t.revokedAt() == null).findFirst().orElseThrow().id();
        given().cookie("bw_session", browser.sessionCookie()).formParam("csrf_token", browser.csrfToken())
                .post("/tokens/" + othersId + "/revoke").then().statusCode(403);
        assertNotNull(others);
    }

    @Test
    void aPermissionTakenFromAUserLeavesTheirTokensAndSessionsAtOnce() throws Exception {
        String id = storeCrashWithUrl();
        Account user = TestAccounts.user(Permission.VIEW_PII);
        String token = TestAccounts.tokenFor(user, EnumSet.of(Permission.VIEW_PII));
        Browser browser = TestAccounts.login(user);
        assertTrue(given().header("Auth-Token", token).queryParam("crash_id", id).get("/api/ProcessedCrash")
                .then().statusCode(200).extract().asString().contains(SECRET_URL));
        assertTrue(given().cookie("bw_session", browser.sessionCookie()).get("/report/index/" + id)
                .then().statusCode(200).extract().asString().contains(SECRET_URL), "the report page shows it too");

        accounts.setMemberships(user.id(), List.of());

        String redacted = given().header("Auth-Token", token).queryParam("crash_id", id).get("/api/ProcessedCrash")
                .then().statusCode(200).extract().asString();
        assertFalse(redacted.contains(SECRET_URL), redacted);
        given().header("Auth-Token", token).queryParam("crash_id", id).queryParam("datatype", "unredacted")
                .get("/api/ProcessedCrash").then().statusCode(403).body("permission_needed", equalTo("view_pii"));
        assertFalse(given().cookie("bw_session", browser.sessionCookie()).get("/report/index/" + id)
                .then().statusCode(200).extract().asString().contains(SECRET_URL));
        assertEquals(EnumSet.of(Permission.VIEW_PII), new TokenStore(dataSource).listFor(user.id()).getFirst().permissions(),
                "the token keeps what it was given, and holds it again if the owner gets it back");
    }

    @Test
    void protectedReadsAreAudited() throws Exception {
        String id = storeCrashWithUrl();
        Account user = TestAccounts.user(Permission.VIEW_PII);
        String token = TestAccounts.tokenFor(user, EnumSet.of(Permission.VIEW_PII));
        given().header("Auth-Token", token).queryParam("crash_id", id).get("/api/RawCrash").then().statusCode(200);
        given().queryParam("crash_id", id).get("/api/RawCrash").then().statusCode(200);
        var entries = new io.breakwater.access.AuditLog(dataSource, () -> "").recent(500, 0, "data.");
        assertTrue(entries.stream().anyMatch(e -> e.action().equals("data.view_raw_crash") && e.target().equals(id)
                && e.actor().startsWith(user.email() + " (token ")), "the read with the token is recorded");
        assertEquals(1, entries.stream().filter(e -> e.target().equals(id)).count(), "anonymous public reads are not");
    }

    @Test
    void pagesForAccountsSendVisitorsToLoginAndRefuseTheUnprivileged() {
        given().redirects().follow(false).get("/admin/").then().statusCode(303)
                .header("Location", containsString("/login?next=%2Fadmin%2F"));
        given().redirects().follow(false).get("/tokens/").then().statusCode(303);
        Browser plain = TestAccounts.login(TestAccounts.user());
        given().cookie("bw_session", plain.sessionCookie()).get("/admin/").then().statusCode(403)
                .body(containsString("admin"));
        given().cookie("bw_session", plain.sessionCookie()).get("/").then().statusCode(200)
                .body(containsString("id=\"logout\"")).body(not(containsString("id=\"admin-link\"")));
        given().get("/").then().statusCode(200).body(containsString("id=\"login-link\""));
    }

    @Test
    void anAdministratorManagesUsersAndGroupsThroughThePages() {
        Browser admin = TestAccounts.login(TestAccounts.user(Permission.ADMIN));
        String email = "new-" + System.nanoTime() + "@test.example";
        long hackers = accounts.groupByName("Hackers").orElseThrow().id();
        Response created = given().redirects().follow(false).cookie("bw_session", admin.sessionCookie())
                .formParam("csrf_token", admin.csrfToken()).formParam("email", email)
                .formParam("password", "a long enough password").formParam("group", Long.toString(hackers))
                .post("/admin/users");
        assertEquals(303, created.statusCode(), created.asString());
        Account account = accounts.findByEmail(email).orElseThrow();
        assertEquals(List.of("Hackers"), account.groups());
        assertTrue(accounts.permissions(account.id()).containsAll(EnumSet.of(Permission.VIEW_PII, Permission.VIEW_RAWDUMP)));

        given().cookie("bw_session", admin.sessionCookie()).formParam("csrf_token", admin.csrfToken())
                .formParam("email", email).formParam("password", "a long enough password").post("/admin/users")
                .then().statusCode(400).body(containsString("already exists"));
        given().cookie("bw_session", admin.sessionCookie()).formParam("csrf_token", admin.csrfToken())
                .formParam("email", "short@test.example").formParam("password", "short").post("/admin/users")
                .then().statusCode(400).body(containsString("at least 10"));

        given().redirects().follow(false).cookie("bw_session", admin.sessionCookie())
                .formParam("csrf_token", admin.csrfToken()).formParam("active", "1")
                .post("/admin/users/" + account.id()).then().statusCode(303);
        assertEquals(List.of(), accounts.find(account.id()).orElseThrow().groups(), "unticked groups are left");
        String audit = given().cookie("bw_session", admin.sessionCookie()).get("/admin/audit?action=account.")
                .then().statusCode(200).extract().asString();
        assertTrue(audit.contains(email) && audit.contains("account.create") && audit.contains("account.update"), audit);

        given().cookie("bw_session", admin.sessionCookie()).get("/admin/users/" + account.id()).then().statusCode(200)
                .body(containsString(email));
        given().cookie("bw_session", admin.sessionCookie()).get("/admin/tokens").then().statusCode(200);
    }

    @Test
    void adminsCannotLockThemselvesOut() {
        Account me = TestAccounts.user(Permission.ADMIN);
        Browser admin = TestAccounts.login(me);
        given().cookie("bw_session", admin.sessionCookie()).formParam("csrf_token", admin.csrfToken())
                .formParam("active", "1").post("/admin/users/" + me.id())
                .then().statusCode(400).body(containsString("your own admin permission"));
        given().cookie("bw_session", admin.sessionCookie()).formParam("csrf_token", admin.csrfToken())
                .post("/admin/users/" + me.id()).then().statusCode(400).body(containsString("deactivate your own"));
        assertTrue(accounts.permissions(me.id()).contains(Permission.ADMIN));
    }

    @Test
    void singleSignOnIsOffUnlessConfigured() {
        given().redirects().follow(false).get("/login/sso").then().statusCode(404)
                .body(containsString("no single sign-on"));
        given().get("/login").then().body(not(containsString("oidc-login")));
    }

    @Test
    void pagesCarrySecurityHeaders() {
        given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
        given().get("/api/SuperSearchFields").then().header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void aGarbledTokenIsRefusedBeforeAnyLookup() {
        given().header("Auth-Token", "not a token").get("/api/SuperSearchFields").then().statusCode(401)
                .body("error", containsString("does not hold a Breakwater API token"));
        // The collector ignores credentials entirely: crash reporters never send them.
        given().header("Auth-Token", "not a token").post("/submit").then().statusCode(400);
    }

    private String storeCrashWithUrl() throws Exception {
        String id = CrashIds.create(LocalDate.now(), 0);
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("ProductName", "AccessTest");
        raw.put("URL", SECRET_URL);
        raw.put("uuid", id);
        storage.saveCrash(id, raw, Map.of());
        String processed = "{\"uuid\":\"" + id + "\",\"signature\":\"access_test\",\"product\":\"AccessTest\","
                + "\"url\":\"" + SECRET_URL + "\",\"json_dump\":{}}";
        storage.saveProcessedCrash(id, processed.getBytes(StandardCharsets.UTF_8));
        return id;
    }
}
