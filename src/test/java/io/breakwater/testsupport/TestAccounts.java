package io.breakwater.testsupport;

import io.breakwater.access.Permission;
import io.breakwater.auth.Account;
import io.breakwater.auth.AccountStore;
import io.breakwater.auth.Group;
import io.breakwater.auth.PasswordHasher;
import io.breakwater.auth.TokenStore;
import io.quarkus.arc.Arc;
import io.restassured.response.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real accounts, groups and tokens in the test database, made through the application's own stores (in a
 * {@code @QuarkusTest}), and real logins through the login page.
 */
public final class TestAccounts {

    public static final String PASSWORD = "correct horse battery";
    private static final Pattern HIDDEN = Pattern.compile("name=\"(csrf_token|login_token)\" value=\"([^\"]+)\"");

    private TestAccounts() {
    }

    /** A signed-in browser: its session cookie and the anti-forgery token its pages carry. */
    public record Browser(String email, String sessionCookie, String csrfToken) {
    }

    public static AccountStore accounts() {
        return Arc.container().instance(AccountStore.class).get();
    }

    public static TokenStore tokens() {
        return Arc.container().instance(TokenStore.class).get();
    }

    /** A new account (password {@link #PASSWORD}) in a new group holding exactly {@code permissions}. */
    public static Account user(Permission... permissions) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        AccountStore store = accounts();
        Account account = store.create("user-" + tag + "@test.example", "Test " + tag,
                new PasswordHasher(4).hash(PASSWORD), false);
        Set<Permission> perms = permissions.length == 0 ? EnumSet.noneOf(Permission.class) : EnumSet.of(permissions[0], permissions);
        Group group = store.createGroup("test-" + tag, "test group", perms);
        store.setMemberships(account.id(), List.of(group.id()));
        return store.find(account.id()).orElseThrow();
    }

    /** A token of a new account holding exactly {@code permissions}. */
    public static String token(Permission... permissions) {
        Account owner = user(permissions);
        return tokenFor(owner, owner.superuser() ? Permission.all() : permissionsOf(owner));
    }

    public static String tokenFor(Account owner, Set<Permission> permissions) {
        return tokens().create(owner.id(), permissions, "test", Instant.now().plus(Duration.ofDays(1))).secret();
    }

    public static Set<Permission> permissionsOf(Account account) {
        return accounts().permissions(account.id());
    }

    /** Signs in through the real login page, as a browser does (login form cookie included). */
    public static Browser login(String email, String password) {
        Response form = given().get("/login");
        assertEquals(200, form.statusCode(), form.asString());
        String loginToken = hidden(form.asString(), "login_token");
        Response posted = given().redirects().follow(false).cookie("bw_login", form.getCookie("bw_login"))
                .formParam("email", email).formParam("password", password).formParam("login_token", loginToken)
                .formParam("next", "/profile/").post("/login");
        assertEquals(303, posted.statusCode(), posted.asString());
        String session = posted.getCookie("bw_session");
        assertTrue(session != null && !session.isEmpty(), "a session cookie is set");
        Response profile = given().cookie("bw_session", session).get("/profile/");
        assertEquals(200, profile.statusCode(), profile.asString());
        return new Browser(email, session, hidden(profile.asString(), "csrf_token"));
    }

    public static Browser login(Account account) {
        return login(account.email(), PASSWORD);
    }

    /** The value of a hidden form field in a page. */
    public static String hidden(String html, String name) {
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new AssertionError("no hidden field " + name + " in the page");
    }
}
