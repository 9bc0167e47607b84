package io.breakwater.web;

import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.QueueItem;
import io.breakwater.queue.QueueState;
import io.breakwater.storage.CrashIds;
import io.breakwater.storage.CrashStorage;
import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Caller;
import io.breakwater.access.CrashDataPolicy;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /report/index/<crash_id>} (also {@code bp-<crash_id>}): one processed crash. A crash received but
 * not processed yet gets a "pending" page (200), an unknown id a "not found" page (404), a malformed id a
 * 400 page.
 */
@Path("/report/index/{crashId}")
@Produces("text/html")
public class ReportPage {

    @Inject
    AccessPolicy access;

    @Inject
    CrashStorage storage;

    @Inject
    CrashQueue queue;

    @Inject
    CrashDataPolicy policy;

    @GET
    public Response page(@PathParam("crashId") String crashIdParam, @QueryParam("all_threads") String allThreads) {
        return Pages.guard(() -> {
            Optional<String> normalized = CrashIds.normalize(crashIdParam);
            if (normalized.isEmpty()) {
                return Pages.error(400, "Not a crash id", "\"" + Text.truncate(crashIdParam, 200)
                        + "\" is not a crash id: expected something like bp-de1bb258-cbbf-4589-a673-34f800160918.");
            }
            String crashId = normalized.get();
            Caller caller = access.caller();
            Optional<Map<String, Object>> processed = storage.loadProcessedCrash(crashId);
            if (processed.isEmpty()) {
                return notProcessed(crashId);
            }
            Map<String, Object> raw = storage.loadRawCrash(crashId).orElse(Map.of());
            boolean all = allThreads != null && !allThreads.equals("0") && !allThreads.equalsIgnoreCase("false");
            CrashDataPolicy.ReportData data = policy.report(caller, crashId, processed.get(), raw);
            Views.Report view = new ReportBuilder(policy, policy.mayDownloadDumps(caller),
                    caller.has(io.breakwater.access.Permission.ADMIN)).build(crashId, data, all);
            return Pages.ok(Pages.report(view));
        });
    }

    private Response notProcessed(String crashId) {
        List<QueueItem> items = queue.findByCrashId(crashId);
        List<Views.Prop> details = new ArrayList<>();
        details.add(new Views.Prop("Crash ID", crashId));
        CrashIds.date(crashId).ifPresent(d -> details.add(new Views.Prop("Received on", d.toString())));
        boolean claimed = items.stream().anyMatch(i -> i.state() == QueueState.CLAIMED);
        boolean waiting = items.stream().anyMatch(i -> i.state() == QueueState.PENDING);
        boolean parked = !items.isEmpty() && items.stream().allMatch(i -> i.state() == QueueState.PARKED);
        for (QueueItem item : items) {
            details.add(new Views.Prop("Queue", item.lane().name().toLowerCase(java.util.Locale.ROOT) + ", "
                    + item.state().name().toLowerCase(java.util.Locale.ROOT) + ", " + item.attempts()
                    + " attempt(s), queued " + Text.date(item.enqueuedAt().toString())));
        }
        if (claimed || waiting) {
            return Pages.ok(Pages.pending(new Views.Pending(crashId, "Crash report pending",
                    claimed ? "This crash is being processed right now. This page refreshes itself; the report "
                            + "appears here as soon as processing is done."
                            : "This crash was received and is queued for processing. This page refreshes itself; "
                            + "the report appears here as soon as processing is done.", details, true)));
        }
        if (parked) {
            return Pages.ok(Pages.pending(new Views.Pending(crashId, "Crash report could not be processed yet",
                    "Processing this crash failed repeatedly; it is set aside until an operator retries it.",
                    details, false)));
        }
        if (storage.rawCrashExists(crashId)) {
            return Pages.ok(Pages.pending(new Views.Pending(crashId, "Crash report pending",
                    "This crash was received but is not processed yet.", details, true)));
        }
        return Pages.error(404, "Crash not found", "There is no crash report with the id " + crashId
                + ". It may have expired, or it was never received.");
    }
}
