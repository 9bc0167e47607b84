package io.breakwater.web;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.AuditLog;
import io.breakwater.access.Permission;
import io.breakwater.auth.CsrfFilter;
import io.breakwater.auth.SessionForms;
import io.breakwater.instance.Roles;
import io.breakwater.jobs.JobRunner;
import io.breakwater.jobs.JobStateStore;
import io.breakwater.jobs.StorageUsageJob;
import io.breakwater.local.ServiceConfig;
import io.breakwater.processor.ProcessorConfig;
import io.breakwater.processor.ProcessorStats;
import io.breakwater.processor.ProcessorWorkers;
import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.Lane;
import io.breakwater.queue.QueueCounts;
import io.breakwater.queue.QueueItem;
import io.breakwater.queue.QueueState;
import io.breakwater.search.CrashIndexManager;
import io.breakwater.search.SearchBacklog;
import io.breakwater.symbols.CachingSymbolSupplier;
import io.breakwater.symbolstore.DiskSymbolCache;
import io.breakwater.symbolstore.SymbolStore;
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
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/system}: the state of the whole system on one page, for operators: queue depths, the most
 * recently parked crashes (each with a Retry button), the search index backlog, the jobs, the symbol caches,
 * processing times and the crash indices. Each section is read on its own, so a service that is down shows as
 * such without taking the page with it. Needs {@code admin}; every change (a retry) is audited.
 */
@Path("/admin/system")
@SessionForms
@Produces("text/html")
@RolesAllowed(Permission.Names.ADMIN)
@Blocking
public class AdminSystemPage {

    private static final Logger LOG = Logger.getLogger(AdminSystemPage.class);
    static final int PARKED_SHOWN = 50;
    static final String RETRY_ACTION = "queue.retry";

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @Inject
    CrashQueue queue;

    @Inject
    SearchBacklog backlog;

    @Inject
    JobRunner jobs;

    @Inject
    SymbolStore symbols;

    @Inject
    ProcessorStats stats;

    @Inject
    ProcessorWorkers workers;

    @Inject
    ProcessorConfig processorConfig;

    @Inject
    Roles roles;

    @Inject
    CrashIndexManager indices;

    @Inject
    StorageUsageJob storageUsage;

    @GET
    public Response page(@QueryParam("retried") String retried, @QueryParam("gone") String gone) {
        String message = retried != null ? "Queued again: a worker picks the crash up shortly."
                : gone != null ? "That crash was no longer parked; nothing changed." : null;
        return Pages.ok(Pages.system(view(message)));
    }

    /** Puts a parked crash back in its lane with a fresh attempt count ({@link CrashQueue#unpark}). */
    @POST
    @Path("/parked/{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retry(@FormParam(CsrfFilter.FORM_FIELD) String csrf, @PathParam("id") long id) {
        Optional<QueueItem> item = queue.find(id);
        if (item.isEmpty() || item.get().state() != QueueState.PARKED) {
            return Response.seeOther(URI.create("/admin/system?gone=1")).build();
        }
        QueueItem parked = item.get();
        boolean unparked = queue.unpark(id);
        audit.record(access.caller(), RETRY_ACTION, parked.crashId(), "parked " + lower(parked.lane()) + " item " + id
                + " after " + parked.attempts() + " attempt(s)" + (unparked ? "" : "; it was no longer parked"));
        return Response.seeOther(URI.create(unparked ? "/admin/system?retried=1" : "/admin/system?gone=1")).build();
    }

    private SystemViews.SystemPage view(String message) {
        List<SystemViews.LaneRow> lanes = new ArrayList<>();
        String queueError = read("queue counts", () -> {
            QueueCounts counts = queue.counts();
            for (Lane lane : Lane.values()) {
                lanes.add(new SystemViews.LaneRow(lower(lane), counts.get(lane, QueueState.PENDING),
                        counts.get(lane, QueueState.CLAIMED), counts.get(lane, QueueState.PARKED)));
            }
            lanes.add(new SystemViews.LaneRow("all lanes", counts.total(QueueState.PENDING),
                    counts.total(QueueState.CLAIMED), counts.total(QueueState.PARKED)));
        });

        List<SystemViews.ParkedRow> parked = new ArrayList<>();
        String parkedError = read("parked crashes", () -> queue.listParked(PARKED_SHOWN).forEach(i -> parked.add(
                new SystemViews.ParkedRow(i.id(), Text.bounded(i.crashId()), "/report/index/" + Text.url(i.crashId()),
                        lower(i.lane()), i.ruleset() == null ? "" : Text.bounded(i.ruleset()), i.attempts(),
                        date(i.enqueuedAt()), Text.bounded(i.lastError()),
                        "/admin/system/parked/" + i.id() + "/retry"))));

        SystemViews.Backlog[] backlogView = new SystemViews.Backlog[1];
        String backlogError = read("search backlog", () -> {
            SearchBacklog.Stats s = backlog.stats();
            backlogView[0] = new SystemViews.Backlog(s.total(), s.due(), s.total() - s.due() - s.parked(), s.parked());
        });

        List<SystemViews.JobRow> jobRows = new ArrayList<>();
        String jobsError = read("jobs", () -> jobs.overview().forEach((job, state) -> jobRows.add(
                new SystemViews.JobRow(Text.bounded(job.name()),
                        state.map(s -> s.lastSuccessAt() == null ? "never" : date(s.lastSuccessAt())).orElse("never"),
                        state.map(JobStateStore.State::consecutiveFailures).orElse(0),
                        state.map(s -> Text.truncate(Text.of(s.lastError()), 200)).orElse(""),
                        state.map(s -> s.requestedAt() != null ? "requested" : date(s.nextRunAt())).orElse("not scheduled yet"),
                        state.map(s -> s.runningOwner() == null ? "" : Text.bounded(s.runningOwner())).orElse("")))));

        List<SystemViews.CacheRow> caches = new ArrayList<>();
        CachingSymbolSupplier.CacheStats memory = symbols.memoryStats();
        caches.add(cacheRow("memory (parsed)", memory.entries(), memory.bytes(), memory.maxBytes(),
                memory.hits() + memory.waits(), memory.loads(), memory.evictions()));
        symbols.diskCache().map(DiskSymbolCache::stats).ifPresent(d -> caches.add(cacheRow("disk (.sym files)",
                d.entries(), d.bytes(), d.maxBytes(), d.hits(), d.misses(), d.evictions())));

        List<SystemViews.StageRow> stages = new ArrayList<>();
        stats.snapshot().forEach((stage, value) -> {
            if (value instanceof Map<?, ?> m) {
                stages.add(new SystemViews.StageRow(stage, ((Number) m.get("count")).longValue(), ms(m.get("mean_ms")),
                        ms(m.get("p50_ms")), ms(m.get("p99_ms"))));
            }
        });

        List<SystemViews.IndexRow> indexRows = new ArrayList<>();
        long[] totals = new long[2];
        String indicesError = read("crash indices", () -> indices.listIndices().forEach(i -> {
            indexRows.add(new SystemViews.IndexRow(Text.bounded(i.name()), i.firstDay() == null ? "" : i.firstDay().toString(),
                    i.docs() < 0 ? "?" : Long.toString(i.docs()), i.storeSize() == null ? "?" : Text.bounded(i.storeSize())));
            totals[0]++;
            totals[1] += Math.max(0, i.docs());
        }));

        List<SystemViews.StorageRow> storageRows = new ArrayList<>();
        String[] measured = {null};
        String storageError = read("storage usage", () -> {
            try {
                for (StorageUsageJob.Row r : storageUsage.lastMeasurement()) {
                    storageRows.add(new SystemViews.StorageRow(Text.bounded(r.bucket()),
                            r.prefix().isEmpty() ? "(all)" : Text.bounded(r.prefix()), r.objects(), bytes(r.bytes())));
                    measured[0] = date(r.measuredAt());
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });

        boolean processing = processorConfig.enabled() && roles.has(Roles.Role.PROCESSOR);
        SystemViews.Processor processor = new SystemViews.Processor(processing,
                processing ? processorConfig.workers() : 0, workers.inFlight(), workers.processedCount(),
                Text.bounded(jobs.owner()), roles.roles().stream().map(AdminSystemPage::lower).sorted()
                        .reduce((a, b) -> a + ", " + b).orElse("none"));

        return new SystemViews.SystemPage(processor, lanes, queueError, parked, PARKED_SHOWN, parkedError,
                backlogView[0], backlogError, jobRows, jobsError, caches, stages, indexRows,
                totals[0] + " indices, " + totals[1] + " documents", indicesError,
                storageRows, measured[0], storageError, disk(), message);
    }

    /** Free space on the disk of the data directory (embedded services, symbol cache), or null without one. */
    private static String disk() {
        java.io.File dataDir = ServiceConfig.fromEnvironment().dataDir().toFile();
        if (!dataDir.isDirectory() || dataDir.getTotalSpace() == 0) {
            return null;
        }
        long total = dataDir.getTotalSpace();
        long free = dataDir.getUsableSpace();
        return "The disk holding " + dataDir + " has " + bytes(free) + " free of " + bytes(total) + " ("
                + Text.percent(free, total) + " free).";
    }

    /** Runs one section's reads; the reason they failed, or null. */
    private static String read(String what, Runnable section) {
        try {
            section.run();
            return null;
        } catch (RuntimeException e) {
            LOG.warnf("system page: cannot read %s: %s", what, e.getMessage());
            return "Cannot read " + what + " right now: " + Text.truncate(Text.of(e.getMessage()), 300);
        }
    }

    private static SystemViews.CacheRow cacheRow(String name, long entries, long bytes, long limit, long hits,
                                                 long misses, long evictions) {
        return new SystemViews.CacheRow(name, entries, bytes(bytes), bytes(limit), hits, misses,
                hits + misses == 0 ? "–" : Text.percent(hits, hits + misses), evictions);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String ms(Object millis) {
        return millis instanceof Number n ? String.format(Locale.ROOT, "%.1f ms", n.doubleValue()) : "";
    }

    private static String date(Instant instant) {
        return instant == null ? "" : Text.date(instant.toString());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
