package io.breakwater.web;

import io.quarkus.qute.TemplateData;

import java.util.List;

/** What the login, profile, token and admin pages render (values already printable; Qute escapes them). */
public final class AccountViews {

    private AccountViews() {
    }

    @TemplateData
    public record Login(String next, String loginToken, String email, String error, String oidcUrl, String oidcLabel) {
    }

    /** A permission as a checkbox or a row: its code, label, description, and whether it is held / ticked. */
    @TemplateData
    public record PermissionRow(String code, String label, String description, boolean checked) {
    }

    @TemplateData
    public record Choice(String value, String label, boolean checked) {
    }

    @TemplateData
    public record Profile(String email, String displayName, boolean superuser, List<String> groups,
                          List<PermissionRow> permissions, boolean hasPassword, String message, String error) {
    }

    @TemplateData
    public record TokenRow(long id, String owner, String hint, String note, String permissions, String created,
                           String expires, String lastUsed, String status, boolean active) {
    }

    @TemplateData
    public record Tokens(List<TokenRow> tokens, List<PermissionRow> choices, int defaultDays, int maxDays,
                         String newSecret, String message, String error) {
    }

    @TemplateData
    public record UserRow(long id, String email, String displayName, boolean active, boolean superuser,
                          String groups, String created, String lastLogin, boolean hasPassword, String href) {
    }

    @TemplateData
    public record GroupRow(long id, String name, String description, String permissions, int members, String href) {
    }

    @TemplateData
    public record Admin(List<UserRow> users, List<GroupRow> groups, List<PermissionRow> permissionChoices,
                        String message, String error) {
    }

    @TemplateData
    public record AdminUser(UserRow user, List<Choice> groups, String message, String error) {
    }

    @TemplateData
    public record AdminGroup(GroupRow group, List<PermissionRow> permissions, List<String> members, String message,
                             String error) {
    }

    @TemplateData
    public record AdminTokens(List<TokenRow> tokens) {
    }

    @TemplateData
    public record AuditRow(String at, String actor, String action, String target, String details, String from) {
    }

    @TemplateData
    public record Audit(List<AuditRow> rows, String action, List<Views.Link> filters, String newerUrl, String olderUrl) {
    }

    @TemplateData
    public record JobRow(String name, String description, String schedule, String lastSuccess, String lastError,
                         String lastErrorAt, String nextRun, String running, int failures, String runUrl) {
    }

    @TemplateData
    public record RunRow(String job, String slot, String started, String finished, String outcome, String owner,
                         String summary) {
    }

    @TemplateData
    public record Jobs(List<JobRow> jobs, List<RunRow> runs, String instance, boolean runsJobs, String message) {
    }
}
