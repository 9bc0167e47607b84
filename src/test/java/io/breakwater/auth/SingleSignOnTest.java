package io.breakwater.auth;

import io.breakwater.access.Permission;
import io.breakwater.testsupport.TestAccounts;
import io.breakwater.testsupport.TestOidcProvider;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Single sign-on through a real OpenID Connect code flow ({@link TestOidcProvider}): the provider's identity
 * becomes a local account and an ordinary Breakwater session.
 */
@QuarkusTest
@TestProfile(SingleSignOnTest.Sso.class)
class SingleSignOnTest {

    public static class Sso implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestOidcProvider.class));
        }
    }

    @Inject
    AccountStore accounts;

    /**
     * Runs the code flow as a browser would (URLs followed as given, not encoded again) and returns the
     * last answer: the redirect with the bw_session cookie, or the refusal.
     */
    private static Response signOn(String next) {
        Map<String, String> cookies = new HashMap<>();
        Response start = given().redirects().follow(false).queryParam("next", next).get("/login/sso");
        assertEquals(302, start.statusCode(), start.asString());
        cookies.putAll(start.getCookies());
        Response provider = given().urlEncodingEnabled(false).redirects().follow(false).get(URI.create(start.getHeader("Location")));
        assertEquals(302, provider.statusCode(), provider.asString());
        String back = provider.getHeader("Location");
        Response callback = given().urlEncodingEnabled(false).redirects().follow(false).cookies(cookies).get(URI.create(back));
        cookies.putAll(callback.getCookies());
        Response last = callback;
        for (int hops = 0; hops < 3 && last.statusCode() == 302 && last.getHeader("Location").contains("/login/sso"); hops++) {
            last = given().urlEncodingEnabled(false).redirects().follow(false).cookies(cookies)
                    .get(URI.create(absolute(last.getHeader("Location"))));
            cookies.putAll(last.getCookies());
        }
        return last;
    }

    private static String absolute(String location) {
        return location.startsWith("http") ? location : io.restassured.RestAssured.baseURI + ":"
                + io.restassured.RestAssured.port + location;
    }

    @Test
    void aNewPersonGetsAnAccountWithoutPermissionsAndASession() {
        String email = "sso-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        TestOidcProvider.nextUser("subject-" + email, email, true, "admin,Hackers");
        Response done = signOn("/profile/");
        assertEquals(303, done.statusCode(), done.asString());
        assertTrue(done.getHeader("Location").endsWith("/profile/"), done.getHeader("Location"));
        String session = done.getCookie("bw_session");
        assertNotNull(session);
        String profile = given().cookie("bw_session", session).get("/profile/").then().statusCode(200).extract().asString();
        assertTrue(profile.contains(email), "signed in as the provider's user");
        Account account = accounts.findByEmail(email).orElseThrow();
        assertEquals("subject-" + email, account.oidcSubject());
        assertTrue(accounts.permissions(account.id()).isEmpty(), "the provider's groups claim grants nothing");
        given().cookie("bw_session", session).get("/admin/").then().statusCode(403);
    }

    @Test
    void anExistingAccountIsLinkedByVerifiedEmailAndKeepsItsGroups() {
        Account existing = TestAccounts.user(Permission.VIEW_PII);
        TestOidcProvider.nextUser("linked-" + existing.id(), existing.email(), true, "");
        Response done = signOn("/");
        assertEquals(303, done.statusCode(), done.asString());
        Account linked = accounts.find(existing.id()).orElseThrow();
        assertEquals("linked-" + existing.id(), linked.oidcSubject());
        String profile = given().cookie("bw_session", done.getCookie("bw_session")).get("/profile/").then()
                .statusCode(200).extract().asString();
        assertTrue(profile.contains("view_pii"), "the account's own permissions apply");
    }

    @Test
    void anUnverifiedAddressIsNotLinkedAndDeactivatedAccountsAreRefused() {
        Account existing = TestAccounts.user();
        TestOidcProvider.nextUser("unverified-" + existing.id(), existing.email(), false, "");
        Response refused = signOn("/");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.asString().contains("has not verified that address"), refused.asString());
        assertEquals(null, accounts.find(existing.id()).orElseThrow().oidcSubject());

        TestOidcProvider.nextUser("deactivated-" + existing.id(), existing.email(), true, "");
        accounts.setActive(existing.id(), false);
        Response inactive = signOn("/");
        assertEquals(403, inactive.statusCode());
        assertTrue(inactive.asString().contains("deactivated"));
    }

    @Test
    void theLoginPageOffersSingleSignOn() {
        given().get("/login").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("href=\"/login/sso?next=%2F\""));
    }
}
