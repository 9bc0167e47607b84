package io.breakwater.web;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Caller;
import io.breakwater.access.Permission;
import io.breakwater.auth.Account;
import io.breakwater.auth.AccountAdmin;
import io.breakwater.auth.AccountStore;
import io.breakwater.auth.ApiToken;
import io.breakwater.auth.AuthStorageException;
import io.breakwater.auth.BreakwaterAuthMechanism;
import io.breakwater.auth.CsrfFilter;
import io.breakwater.auth.TokenStore;
import io.quarkus.security.Authenticated;
import io.breakwater.auth.SessionForms;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A signed-in user's own pages: {@code /profile/} (who am I, what may I do, change my password) and
 * {@code /tokens/} ("My API tokens": create with a subset of my permissions, list, revoke).
 */
@Path("/")
@SessionForms
@Produces("text/html")
@Authenticated
@Blocking
public class AccountPages {

    @Inject
    AccessPolicy access;

    @Inject
    AccountStore accounts;

    @Inject
    AccountAdmin admin;

    @GET
    @Path("profile/")
    public Response profile(@QueryParam("saved") String saved) {
        return Pages.ok(Pages.profile(profileView(saved != null ? "Your password was changed; your other sessions "
                + "were signed out." : null, null)));
    }

    @POST
    @Path("profile/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changePassword(@FormParam(CsrfFilter.FORM_FIELD) String csrf,
                                   @FormParam("current") String current, @FormParam("password") String password,
                                   @FormParam("confirm") String confirm,
                                   @CookieParam(BreakwaterAuthMechanism.SESSION_COOKIE) String session) {
        try {
            if (!Objects.equals(password, confirm)) {
                throw new IllegalArgumentException("the new password and its confirmation differ");
            }
            admin.changeOwnPassword(access.requireSignedIn(), current, password, session);
        } catch (IllegalArgumentException e) {
            return Pages.page(400, Pages.profile(profileView(null, e.getMessage())));
        }
        return Response.seeOther(URI.create("/profile/?saved=1")).build();
    }

    @GET
    @Path("tokens/")
    public Response tokens() {
        return Pages.ok(Pages.tokens(tokensView(null, null, null)));
    }

    @POST
    @Path("tokens/")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createToken(@FormParam(CsrfFilter.FORM_FIELD) String csrf,
                                @FormParam("permission") List<String> permissions, @FormParam("note") String note,
                                @FormParam("days") String days) {
        Caller me = access.requireSignedIn();
        try {
            Set<Permission> chosen = EnumSet.noneOf(Permission.class);
            for (String code : permissions == null ? List.<String>of() : permissions) {
                chosen.add(Permission.byCode(code).orElseThrow(() ->
                        new IllegalArgumentException("unknown permission " + Text.truncate(code, 50))));
            }
            int lifetime = parseDays(days);
            TokenStore.NewToken created = admin.createToken(me, chosen, note, lifetime);
            return Pages.page(201, Pages.tokens(tokensView(created.secret(), "Token created. Copy it now: it is "
                    + "shown only once. Send it in the Auth-Token header.", null)));
        } catch (IllegalArgumentException e) {
            return Pages.page(400, Pages.tokens(tokensView(null, null, e.getMessage())));
        }
    }

    @POST
    @Path("tokens/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@FormParam(CsrfFilter.FORM_FIELD) String csrf, @PathParam("id") long id,
                           @FormParam("back") String back) {
        Caller me = access.requireSignedIn();
        try {
            admin.revokeToken(me, id);
        } catch (IllegalArgumentException e) {
            return Pages.error(404, "No such token", e.getMessage());
        }
        return Response.seeOther(URI.create("/admin/tokens".equals(back) ? "/admin/tokens" : "/tokens/")).build();
    }

    private AccountViews.Profile profileView(String message, String error) {
        Caller me = access.requireSignedIn();
        Account account = accounts.find(me.accountId()).orElseThrow(() ->
                new AuthStorageException("account " + me.accountId() + " vanished", null));
        List<AccountViews.PermissionRow> rows = permissionRows(me.permissions(), true);
        return new AccountViews.Profile(Text.bounded(account.email()), Text.bounded(account.displayName()),
                account.superuser(), account.groups().stream().map(Text::bounded).toList(), rows,
                account.hasPassword(), message, error);
    }

    private AccountViews.Tokens tokensView(String newSecret, String message, String error) {
        Caller me = access.requireSignedIn();
        Instant now = Instant.now();
        List<AccountViews.TokenRow> rows = admin.tokensOf(me).stream().map(t -> tokenRow(t, now)).toList();
        return new AccountViews.Tokens(rows, permissionRows(me.permissions(), false), admin.defaultTokenDays(),
                admin.maxTokenDays(), newSecret, message, error);
    }

    /** Every permission the caller holds ({@code onlyHeld}) or may give a token, none ticked. */
    static List<AccountViews.PermissionRow> permissionRows(Set<Permission> held, boolean onlyHeld) {
        return Permission.all().stream().filter(held::contains)
                .map(p -> new AccountViews.PermissionRow(p.code(), p.label(), p.description(), false)).toList();
    }

    static AccountViews.TokenRow tokenRow(ApiToken t, Instant now) {
        ApiToken.Status status = t.status(now);
        return new AccountViews.TokenRow(t.id(), Text.bounded(t.accountEmail()), t.hint() + "…", Text.bounded(t.note()),
                t.permissions().isEmpty() ? "(none)" : t.permissions().stream().map(Permission::code)
                        .collect(Collectors.joining(", ")),
                Text.date(t.createdAt().toString()), Text.date(t.expiresAt().toString()),
                t.lastUsedAt() == null ? "never" : Text.date(t.lastUsedAt().toString()),
                status.name().toLowerCase(java.util.Locale.ROOT), status == ApiToken.Status.ACTIVE);
    }

    private int parseDays(String days) {
        if (days == null || days.isBlank()) {
            return admin.defaultTokenDays();
        }
        try {
            return Integer.parseInt(days.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the lifetime must be a number of days");
        }
    }
}
