package io.breakwater.web;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Permission;
import io.breakwater.auth.CsrfFilter;
import io.breakwater.auth.SessionForms;
import io.breakwater.signature.SignatureListSet;
import io.breakwater.signaturerules.SignatureDiff;
import io.breakwater.signaturerules.SignatureListStore;
import io.breakwater.signaturerules.SignatureRuleRunner;
import io.breakwater.signaturerules.SignatureRules;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/signature-lists}: edit (or upload) the four signature lists, preview their effect on recent
 * crashes, apply a preview, roll back to an earlier version. The work runs in the background; a run's page
 * refreshes itself (meta refresh, no script) until it is done.
 */
@Path("/admin/signature-lists")
@SessionForms
@Produces("text/html")
@RolesAllowed(Permission.Names.ADMIN)
@Blocking
public class SignatureListsPages {

    static final int SHOWN = 100;
    static final long MAX_UPLOAD = 4L * 1024 * 1024;

    @Inject
    SignatureRules rules;

    @Inject
    AccessPolicy access;

    public record FileView(String name, String field, String text) {
    }

    public record VersionRow(long id, String comment, String createdBy, String createdAt, boolean active, String rollbackUrl) {
    }

    public record RunRow(long id, String kind, String state, String requestedBy, String createdAt, String url) {
    }

    public record Overview(String inForce, List<FileView> files, List<VersionRow> versions, List<RunRow> runs,
                           int days, String error) {
    }

    public record MappingView(String oldSignature, String oldUrl, String newSignature, String newUrl, long crashes,
                              List<String> examples) {
    }

    public record GroupView(String signature, String url, long crashes, List<MappingView> mappings) {
    }

    public record ReportView(long examined, long changed, long skipped, int splitCount, int mergeCount,
                             int renameCount, List<GroupView> splits, List<GroupView> merges, List<MappingView> renames,
                             boolean truncated) {
    }

    public record RunPage(RunRow run, boolean running, boolean apply, int total, int done, int percent, int queued,
                          int regenerated, int parked, int regenerationPercent, String versionId, String previewUrl,
                          String applyUrl, ReportView report, ReportView outcome, Boolean held, String error,
                          String days) {
    }

    @GET
    @Path("/")
    public Response overview() {
        return Pages.ok(Pages.signatureLists(overviewView(rules.inForce().lists(), SignatureRules.DEFAULT_DAYS, null)));
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response preview(@RestForm(CsrfFilter.FORM_FIELD) String csrf, @RestForm("days") String days,
                            @RestForm("sentinels") String sentinels, @RestForm("irrelevant") String irrelevant,
                            @RestForm("prefix") String prefix, @RestForm("line_numbers") String lineNumbers,
                            @RestForm("sentinels_file") FileUpload sentinelsFile,
                            @RestForm("irrelevant_file") FileUpload irrelevantFile,
                            @RestForm("prefix_file") FileUpload prefixFile,
                            @RestForm("line_numbers_file") FileUpload lineNumbersFile) {
        SignatureListSet lists = null;
        Integer window = null;
        try {
            SignatureListSet inForce = rules.inForce().lists();
            lists = new SignatureListSet(
                    pick(sentinelsFile, sentinels, inForce.sentinels()), pick(irrelevantFile, irrelevant, inForce.irrelevant()),
                    pick(prefixFile, prefix, inForce.prefix()), pick(lineNumbersFile, lineNumbers, inForce.lineNumbers()));
            window = days == null || days.isBlank() ? null : Integer.valueOf(days.strip());
            SignatureListStore.Run run = rules.preview(access.caller(), lists, window);
            return Response.seeOther(URI.create(runUrl(run.id()))).build();
        } catch (NumberFormatException e) {
            return Pages.page(400, Pages.signatureLists(overviewView(lists, SignatureRules.DEFAULT_DAYS, "days must be a whole number")));
        } catch (IllegalArgumentException e) {
            return Pages.page(400, Pages.signatureLists(overviewView(lists == null ? rules.inForce().lists() : lists,
                    window == null ? SignatureRules.DEFAULT_DAYS : window, e.getMessage())));
        }
    }

    @GET
    @Path("/runs/{id}")
    public Response run(@PathParam("id") long id) {
        return rules.run(id).map(r -> Pages.ok(Pages.signatureRun(runView(r, null))))
                .orElseGet(() -> Pages.error(404, "No such run", "There is no signature list run " + id + "."));
    }

    @POST
    @Path("/runs/{id}/apply")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response apply(@RestForm(CsrfFilter.FORM_FIELD) String csrf, @PathParam("id") long id,
                          @RestForm("comment") String comment) {
        try {
            SignatureListStore.Run run = rules.apply(access.caller(), id, comment);
            return Response.seeOther(URI.create(runUrl(run.id()))).build();
        } catch (IllegalArgumentException e) {
            return Pages.error(400, "Cannot apply", e.getMessage());
        } catch (SignatureRules.Conflict e) {
            return rules.run(id).map(r -> Pages.page(409, Pages.signatureRun(runView(r, e.getMessage()))))
                    .orElseGet(() -> Pages.error(409, "Cannot apply", e.getMessage()));
        }
    }

    @POST
    @Path("/versions/{id}/rollback")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rollback(@RestForm(CsrfFilter.FORM_FIELD) String csrf, @PathParam("id") long id,
                             @RestForm("days") String days) {
        try {
            Integer window = days == null || days.isBlank() ? null : Integer.valueOf(days.strip());
            SignatureListStore.Run run = rules.rollback(access.caller(), id, window, "rollback to version " + id);
            return Response.seeOther(URI.create(runUrl(run.id()))).build();
        } catch (NumberFormatException e) {
            return Pages.error(400, "Cannot roll back", "days must be a whole number");
        } catch (IllegalArgumentException e) {
            return Pages.error(400, "Cannot roll back", e.getMessage());
        } catch (SignatureRules.Conflict e) {
            return Pages.error(409, "Cannot roll back", e.getMessage());
        }
    }

    /** An uploaded file wins over the text area; an empty file input sends nothing. */
    private static String pick(FileUpload file, String text, String inForce) {
        if (file != null && file.uploadedFile() != null && file.size() > 0) {
            if (file.size() > MAX_UPLOAD) throw new IllegalArgumentException(file.fileName() + " is larger than 4 MiB");
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file.uploadedFile()))).toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(file.fileName() + " is not UTF-8 text");
            } catch (IOException e) {
                throw new IllegalArgumentException("the upload of " + file.fileName() + " could not be read");
            }
        }
        return text == null ? inForce : text;
    }

    private Overview overviewView(SignatureListSet lists, int days, String error) {
        SignatureRules.InForce inForce = rules.inForce();
        String description = inForce.versionId() == 0 ? "the configured lists (no version applied yet)"
                : "version " + inForce.versionId() + inForce.activation()
                .map(a -> ", applied by " + a.activatedBy() + " at " + date(a.activatedAt())).orElse("");
        List<FileView> files = new ArrayList<>();
        String[] fields = {"sentinels", "irrelevant", "prefix", "line_numbers"};
        int i = 0;
        for (Map.Entry<String, String> file : lists.byFileName().entrySet()) {
            files.add(new FileView(file.getKey(), fields[i++], file.getValue()));
        }
        List<VersionRow> versions = rules.versions(100).stream().map(v -> new VersionRow(v.id(), v.comment(),
                v.createdBy(), date(v.createdAt()), v.id() == inForce.versionId(),
                "/admin/signature-lists/versions/" + v.id() + "/rollback")).toList();
        return new Overview(description, files, versions, rules.runs(20).stream().map(SignatureListsPages::row).toList(),
                days, error);
    }

    private RunPage runView(SignatureListStore.Run run, String error) {
        SignatureRuleRunner.Result result = rules.result(run);
        boolean apply = run.kind() == SignatureListStore.Kind.APPLY;
        boolean running = !run.state().finished();
        String applyUrl = !apply && run.state() == SignatureListStore.State.DONE ? runUrl(run.id()) + "/apply" : null;
        return new RunPage(row(run), running, apply, run.total(), run.done(), percent(run.done(), run.total()),
                run.queued(), run.regenerated(), run.failed(), percent(run.regenerated() + run.failed(), run.queued()),
                run.versionId() == null ? "" : String.valueOf(run.versionId()),
                run.previewRunId() == null ? null : runUrl(run.previewRunId()), applyUrl,
                result == null ? null : report(result.predicted(), result.skipped()),
                result == null || result.actual() == null ? null : report(result.actual(), result.skipped()),
                result == null ? null : result.matches(), error != null ? error : run.error(), String.valueOf(run.days()));
    }

    private static ReportView report(SignatureDiff.Report report, long skipped) {
        boolean truncated = report.splits().size() > SHOWN || report.merges().size() > SHOWN || report.renames().size() > SHOWN;
        return new ReportView(report.crashesExamined(), report.crashesChanged(), skipped, report.splitCount(),
                report.mergeCount(), report.renameCount(),
                report.splits().stream().limit(SHOWN).map(s -> new GroupView(s.oldSignature(), Links.signature(s.oldSignature()),
                        s.crashes(), mappings(s.into()))).toList(),
                report.merges().stream().limit(SHOWN).map(m -> new GroupView(m.newSignature(), Links.signature(m.newSignature()),
                        m.crashes(), mappings(m.from()))).toList(),
                mappings(report.renames().stream().limit(SHOWN).toList()), truncated);
    }

    private static List<MappingView> mappings(List<SignatureDiff.Mapping> mappings) {
        return mappings.stream().map(m -> new MappingView(m.oldSignature(), Links.signature(m.oldSignature()),
                m.newSignature(), Links.signature(m.newSignature()), m.crashes(), m.examples())).toList();
    }

    private static RunRow row(SignatureListStore.Run run) {
        return new RunRow(run.id(), run.kind() == SignatureListStore.Kind.PREVIEW ? "preview"
                : run.previewRunId() == null ? "rollback" : "apply", run.state().name().toLowerCase(),
                run.requestedBy(), date(run.createdAt()), runUrl(run.id()));
    }

    private static int percent(int part, int whole) {
        return whole <= 0 ? 0 : (int) Math.min(100, part * 100L / whole);
    }

    static String runUrl(long id) {
        return "/admin/signature-lists/runs/" + id;
    }

    private static String date(Instant instant) {
        return instant == null ? "" : instant.toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }
}
