package io.breakwater.web;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.AuditLog;
import io.breakwater.access.Caller;
import io.breakwater.access.Permission;
import io.breakwater.auth.Account;
import io.breakwater.auth.AccountAdmin;
import io.breakwater.auth.AccountStore;
import io.breakwater.auth.AuthStorageException;
import io.breakwater.auth.CsrfFilter;
import io.breakwater.auth.Group;
import io.breakwater.auth.TokenStore;
import io.breakwater.auth.SessionForms;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /admin/}: users, groups and memberships (list, create, edit), everyone's API tokens, and the
 * audit trail. Needs the {@code admin} permission; every change is audited by {@link AccountAdmin}.
 */
@Path("/admin")
@SessionForms
@Produces("text/html")
@RolesAllowed(Permission.Names.ADMIN)
@Blocking
public class AdminPages {

    static final int AUDIT_PAGE = 100;

    @Inject
    AccessPolicy access;

    @Inject
    AccountStore accounts;

    @Inject
    AccountAdmin admin;

    @Inject
    TokenStore tokens;

    @Inject
    AuditLog audit;

    @GET
    @Path("/")
    public Response overview(@QueryParam("saved") String saved) {
        return Pages.ok(Pages.admin(overviewView(saved == null ? null : "Saved.", null)));
    }

    @POST
    @Path("/users")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createUser(@FormParam(CsrfFilter.FORM_FIELD) String csrf, @FormParam("email") String email,
                               @FormParam("display_name") String displayName, @FormParam("password") String password,
                               @FormParam("superuser") String superuser, @FormParam("group") List<String> groups) {
        try {
            Account created = admin.createUser(access.caller(), email, displayName, password, superuser != null,
                    ids(groups));
            return Response.seeOther(URI.create(userHref(created.id()) + "?saved=1")).build();
        } catch (IllegalArgumentException | AuthStorageException.Duplicate e) {
            return Pages.page(400, Pages.admin(overviewView(null, e.getMessage())));
        }
    }

    @GET
    @Path("/users/{id}")
    public Response user(@PathParam("id") long id, @QueryParam("saved") String saved) {
        return accounts.find(id).map(a -> Pages.ok(Pages.adminUser(userView(a, saved == null ? null : "Saved.", null))))
                .orElseGet(() -> Pages.error(404, "No such user", "There is no account with id " + id + "."));
    }

    @POST
    @Path("/users/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response updateUser(@FormParam(CsrfFilter.FORM_FIELD) String csrf, @PathParam("id") long id,
                               @FormParam("display_name") String displayName, @FormParam("active") String active,
                               @FormParam("superuser") String superuser, @FormParam("group") List<String> groups) {
        try {
            admin.updateUser(access.caller(), id, displayName, active != null, superuser != null, ids(groups));
            return Response.seeOther(URI.create(userHref(id) + "?saved=1")).build();
        } catch (IllegalArgumentException e) {
            return accounts.find(id).map(a -> Pages.page(400, Pages.adminUser(userView(a, null, e.getMessage()))))
                    .orElseGet(() -> Pages.error(404, "No such user", e.getMessage()));
        }
    }

    @POST
    @Path("/users/{id}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resetPassword(@FormParam(CsrfFilter.FORM_FIELD) String csrf, @PathParam("id") long id,
                                  @FormParam("password") String password) {
        try {
            admin.resetPassword(access.caller(), id, password);
            return Response.seeOther(URI.create(userHref(id) + "?saved=1")).build();
        } catch (IllegalArgumentException e) {
            return accounts.find(id).map(a -> Pages.page(400, Pages.adminUser(userView(a, null, e.getMessage()))))
                    .orElseGet(() -> Pages.error(404, "No such user", e.getMessage()));
        }
    }

    @POST
    @Path("/groups")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createGroup(@FormParam(CsrfFilter.FORM_FIELD) String csrf, @FormParam("name") String name,
                                @FormParam("description") String description,
                                @FormParam("permission") List<String> permissions) {
        try {
            Group group = admin.createGroup(access.caller(), name, description, permissions(permissions));
            return Response.seeOther(URI.create(groupHref(group.id()) + "?saved=1")).build();
        } catch (IllegalArgumentException | AuthStorageException.Duplicate e) {
            return Pages.page(400, Pages.admin(overviewView(null, e.getMessage())));
        }
    }

    @GET
    @Path("/groups/{id}")
    public Response group(@PathParam("id") long id, @QueryParam("saved") String saved) {
        return accounts.group(id).map(g -> Pages.ok(Pages.adminGroup(groupView(g, saved == null ? null : "Saved.", null))))
                .orElseGet(() -> Pages.error(404, "No such group", "There is no group with id " + id + "."));
    }

    @POST
    @Path("/groups/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response updateGroup(@FormParam(CsrfFilter.FORM_FIELD) String csrf, @PathParam("id") long id,
                                @FormParam("permission") List<String> permissions) {
        try {
            admin.updateGroupPermissions(access.caller(), id, permissions(permissions));
            return Response.seeOther(URI.create(groupHref(id) + "?saved=1")).build();
        } catch (IllegalArgumentException e) {
            return accounts.group(id).map(g -> Pages.page(400, Pages.adminGroup(groupView(g, null, e.getMessage()))))
                    .orElseGet(() -> Pages.error(404, "No such group", e.getMessage()));
        }
    }

    @POST
    @Path("/groups/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteGroup(@FormParam(CsrfFilter.FORM_FIELD) String csrf, @PathParam("id") long id) {
        try {
            admin.deleteGroup(access.caller(), id);
            return Response.seeOther(URI.create("/admin/?saved=1")).build();
        } catch (IllegalArgumentException e) {
            return accounts.group(id).map(g -> Pages.page(400, Pages.adminGroup(groupView(g, null, e.getMessage()))))
                    .orElseGet(() -> Pages.error(404, "No such group", e.getMessage()));
        }
    }

    @GET
    @Path("/tokens")
    public Response allTokens() {
        Instant now = Instant.now();
        return Pages.ok(Pages.adminTokens(new AccountViews.AdminTokens(
                tokens.listAll().stream().map(t -> AccountPages.tokenRow(t, now)).toList())));
    }

    @Inject
    io.breakwater.jobs.JobRunner runner;

    @Inject
    io.breakwater.jobs.JobStateStore jobStates;

    @Inject
    io.breakwater.jobs.CrashDeleter deleter;

    @Inject
    io.breakwater.instance.Roles roles;

    @GET
    @Path("/jobs")
    public Response jobs(@QueryParam("requested") String requested) {
        List<AccountViews.JobRow> rows = new ArrayList<>();
        runner.overview().forEach((job, state) -> rows.add(new AccountViews.JobRow(job.name(), job.description(),
                describe(job.schedule()) + (job.backfill() ? ", catches up missed runs" : ""),
                state.map(s -> date(s.lastSuccessAt())).orElse("never"),
                state.map(s -> Text.bounded(s.lastError())).orElse(""),
                state.map(s -> date(s.lastErrorAt())).orElse(""),
                state.map(s -> s.requestedAt() != null ? "requested" : date(s.nextRunAt())).orElse("not scheduled yet"),
                state.map(s -> s.runningOwner() == null ? "" : Text.bounded(s.runningOwner())).orElse(""),
                state.map(io.breakwater.jobs.JobStateStore.State::consecutiveFailures).orElse(0),
                "/admin/jobs/" + Text.url(job.name()) + "/run")));
        List<AccountViews.RunRow> runs = jobStates.history(null, 100).stream().map(r -> new AccountViews.RunRow(
                Text.bounded(r.name()), date(r.slot()), date(r.startedAt()), date(r.finishedAt()), r.outcome(),
                Text.bounded(r.owner()), Text.bounded(r.summary()))).toList();
        return Pages.ok(Pages.jobs(new AccountViews.Jobs(rows, runs, Text.bounded(runner.owner()),
                roles.has(io.breakwater.instance.Roles.Role.JOBS), requested == null ? null
                : "Requested: an instance with the jobs role runs it within a minute.")));
    }

    @POST
    @Path("/jobs/{name}/run")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response runJob(@FormParam(CsrfFilter.FORM_FIELD) String csrf, @PathParam("name") String name) {
        if (runner.job(name).isEmpty()) {
            return Pages.error(404, "No such job", "There is no job named " + name + ".");
        }
        jobStates.ensure(name, java.time.Instant.now());
        jobStates.request(name);
        audit.record(access.caller(), "job.request", name, "run now");
        return Response.seeOther(URI.create("/admin/jobs?requested=1")).build();
    }

    @POST
    @Path("/crashes/{crashId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteCrash(@FormParam(CsrfFilter.FORM_FIELD) String csrf, @PathParam("crashId") String crashIdParam) {
        java.util.Optional<String> id = io.breakwater.storage.CrashIds.normalize(crashIdParam);
        if (id.isEmpty()) {
            return Pages.error(400, "Not a crash id", "\"" + Text.truncate(crashIdParam, 100) + "\" is not a crash id.");
        }
        io.breakwater.jobs.CrashDeleter.Result result = deleter.delete(id.get());
        audit.record(access.caller(), "crash.delete", id.get(), result.complete() ? "deleted" : "partly: " + result.problem());
        if (!result.complete()) {
            return Pages.error(503, "Crash partly deleted", "Crash " + id.get() + " was only partly deleted ("
                    + result.problem() + "). Send the form again to finish.");
        }
        return Pages.error(200, "Crash deleted", "Crash " + id.get() + " was deleted from storage and search.");
    }

    private static String describe(io.breakwater.jobs.JobSchedule schedule) {
        java.time.Duration every = schedule.every();
        if (every.equals(java.time.Duration.ofDays(1))) {
            return "daily at " + String.format("%02d:%02d UTC", schedule.offset().toHours(), schedule.offset().toMinutesPart());
        }
        return "every " + (every.toHours() > 0 && every.toMinutesPart() == 0 ? every.toHours() + " h"
                : every.toMinutes() + " min");
    }

    private static String date(java.time.Instant instant) {
        return instant == null ? "" : Text.date(instant.toString());
    }

    @GET
    @Path("/audit")
    public Response auditTrail(@QueryParam("action") String action, @QueryParam("offset") String offsetParam) {
        return Pages.guard(() -> auditPage(action, offsetParam));
    }

    private Response auditPage(String action, String offsetParam) {
        int offset = Windows.nonNegative(offsetParam, 0);
        String prefix = action == null ? "" : action.strip();
        List<AccountViews.AuditRow> rows = audit.recent(AUDIT_PAGE, offset, prefix).stream()
                .map(e -> new AccountViews.AuditRow(Text.date(e.at().toString()), Text.bounded(e.actor()),
                        Text.bounded(e.action()), Text.bounded(e.target()), Text.bounded(e.details()),
                        Text.bounded(e.clientAddress()))).toList();
        List<Views.Link> filters = new ArrayList<>();
        filters.add(new Views.Link("Everything", "/admin/audit", prefix.isEmpty()));
        filters.add(new Views.Link("Protected data", "/admin/audit?action=data.", prefix.equals("data.")));
        filters.add(new Views.Link("Accounts", "/admin/audit?action=account.", prefix.equals("account.")));
        filters.add(new Views.Link("Groups", "/admin/audit?action=group.", prefix.equals("group.")));
        filters.add(new Views.Link("Tokens", "/admin/audit?action=token.", prefix.equals("token.")));
        filters.add(new Views.Link("Logins", "/admin/audit?action=login", prefix.equals("login")));
        filters.add(new Views.Link("Queue", "/admin/audit?action=queue.", prefix.equals("queue.")));
        Query base = new Query().add("action", prefix.isEmpty() ? null : prefix);
        String newer = offset == 0 ? null : base.copy().add("offset", Math.max(0, offset - AUDIT_PAGE)).url("/admin/audit");
        String older = rows.size() < AUDIT_PAGE ? null : base.copy().add("offset", offset + AUDIT_PAGE).url("/admin/audit");
        return Pages.ok(Pages.audit(new AccountViews.Audit(rows, Text.bounded(prefix), filters, newer, older)));
    }

    private AccountViews.Admin overviewView(String message, String error) {
        List<AccountViews.UserRow> users = accounts.list().stream().map(AdminPages::userRow).toList();
        List<AccountViews.GroupRow> groups = accounts.groups().stream().map(AdminPages::groupRow).toList();
        List<AccountViews.PermissionRow> choices = Permission.all().stream()
                .map(p -> new AccountViews.PermissionRow(p.code(), p.label(), p.description(), false)).toList();
        return new AccountViews.Admin(users, groups, choices, message, error);
    }

    private AccountViews.AdminUser userView(Account account, String message, String error) {
        List<Long> member = accounts.groupIdsOf(account.id());
        List<AccountViews.Choice> groups = accounts.groups().stream()
                .map(g -> new AccountViews.Choice(Long.toString(g.id()), Text.bounded(g.name()) + " ("
                        + codes(g.permissions()) + ")", member.contains(g.id()))).toList();
        return new AccountViews.AdminUser(userRow(account), groups, message, error);
    }

    private AccountViews.AdminGroup groupView(Group group, String message, String error) {
        List<AccountViews.PermissionRow> rows = Permission.all().stream()
                .map(p -> new AccountViews.PermissionRow(p.code(), p.label(), p.description(),
                        group.permissions().contains(p))).toList();
        List<String> members = accounts.list().stream().filter(a -> a.groups().contains(group.name()))
                .map(a -> Text.bounded(a.email())).toList();
        return new AccountViews.AdminGroup(groupRow(group), rows, members, message, error);
    }

    static AccountViews.UserRow userRow(Account a) {
        return new AccountViews.UserRow(a.id(), Text.bounded(a.email()), Text.bounded(a.displayName()), a.active(),
                a.superuser(), a.groups().isEmpty() ? "(none)" : Text.bounded(String.join(", ", a.groups())),
                Text.date(a.createdAt().toString()), a.lastLoginAt() == null ? "never" : Text.date(a.lastLoginAt().toString()),
                a.hasPassword(), userHref(a.id()));
    }

    static AccountViews.GroupRow groupRow(Group g) {
        return new AccountViews.GroupRow(g.id(), Text.bounded(g.name()), Text.bounded(g.description()),
                codes(g.permissions()), g.members(), groupHref(g.id()));
    }

    static String userHref(long id) {
        return "/admin/users/" + id;
    }

    static String groupHref(long id) {
        return "/admin/groups/" + id;
    }

    private static String codes(Set<Permission> permissions) {
        return permissions.isEmpty() ? "no permissions"
                : permissions.stream().map(Permission::code).collect(Collectors.joining(", "));
    }

    private static List<Long> ids(List<String> values) {
        List<Long> out = new ArrayList<>();
        for (String v : values == null ? List.<String>of() : values) {
            try {
                out.add(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + Text.truncate(v, 40) + "' is not a group id");
            }
        }
        return out;
    }

    private static Set<Permission> permissions(List<String> codes) {
        Set<Permission> out = EnumSet.noneOf(Permission.class);
        for (String code : codes == null ? List.<String>of() : codes) {
            out.add(Permission.byCode(code).orElseThrow(() ->
                    new IllegalArgumentException("unknown permission " + Text.truncate(code, 50))));
        }
        return out;
    }
}
