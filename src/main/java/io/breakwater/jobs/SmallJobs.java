package io.breakwater.jobs;

import io.breakwater.auth.AuthConfig;
import io.breakwater.auth.SessionStore;
import io.breakwater.queue.CrashQueue;
import io.breakwater.search.CrashIndexManager;
import io.breakwater.symbolstore.DiskSymbolCache;
import io.breakwater.symbolstore.MissingSymbols;
import io.breakwater.symbolstore.SymbolStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** The maintenance jobs that are a few lines each. */
final class SmallJobs {

    private SmallJobs() {
    }

    /** Creates this and next week's crash index ahead of time and drops those past search retention (Socorro's esclean). */
    @ApplicationScoped
    static class IndexRotation implements MaintenanceJob {
        @Inject
        CrashIndexManager indexes;

        public String name() {
            return "index-rotation";
        }

        public String description() {
            return "Creates this and next week's crash index; drops indices older than " + indexes.retentionWeeks()
                    + " weeks.";
        }

        public JobSchedule schedule() {
            return JobSchedule.daily(1);
        }

        public String run(Instant slot, Instant lastSuccess) {
            LocalDate today = LocalDate.ofInstant(slot, ZoneOffset.UTC);
            int created = (indexes.createIndexFor(today) ? 1 : 0) + (indexes.createIndexFor(today.plusWeeks(1)) ? 1 : 0);
            List<String> dropped = indexes.deleteExpired();
            return "created " + created + " index(es) ahead; dropped " + (dropped.isEmpty() ? "none" : String.join(", ", dropped));
        }
    }

    /** Socorro's updatesignatures: first-seen dates from search, for what the processor hook missed. */
    @ApplicationScoped
    static class FirstSeen implements MaintenanceJob {
        @Inject
        SignatureFirstSeenBackfill backfill;

        @Inject
        JobsConfig config;

        public String name() {
            return "signature-first-seen";
        }

        public String description() {
            return "Records when each signature was first seen, from the crashes indexed since the last run.";
        }

        public JobSchedule schedule() {
            return JobSchedule.every(config.signatureFirstSeen().interval());
        }

        public String run(Instant slot, Instant lastSuccess) {
            SignatureFirstSeenBackfill.Result r = backfill.run();
            return r.pairs() + " (signature, build) pairs since " + (r.from() == null ? "the start" : r.from()) + ", "
                    + r.changed() + " signatures added or moved earlier";
        }
    }

    /** Queue items whose worker died: released, or parked on their final attempt. */
    @ApplicationScoped
    static class StaleLeases implements MaintenanceJob {
        @Inject
        CrashQueue queue;

        public String name() {
            return "stale-queue-leases";
        }

        public String description() {
            return "Puts back queue items whose worker stopped holding them (or parks them on their last attempt).";
        }

        public JobSchedule schedule() {
            return JobSchedule.every(Duration.ofMinutes(5));
        }

        public String run(Instant slot, Instant lastSuccess) {
            return queue.recoverExpiredLeases() + " item(s) recovered";
        }
    }

    /** The symbol disk cache and the missing-symbols records shrink back to what is used. */
    @ApplicationScoped
    static class SymbolCachePruning implements MaintenanceJob {
        @Inject
        SymbolStore symbols;

        @Inject
        MissingSymbols missing;

        @Inject
        io.breakwater.symbolstore.SymbolUploadService uploads;

        @Inject
        JobsConfig config;

        public String name() {
            return "symbol-cache-pruning";
        }

        public String description() {
            return "Removes cached symbol files unused for " + config.symbolCache().maxIdle().toDays()
                    + " days and missing-symbol records older than " + config.symbolCache().missingTtl().toDays() + " days.";
        }

        public JobSchedule schedule() {
            return JobSchedule.daily(5);
        }

        public String run(Instant slot, Instant lastSuccess) {
            Instant now = Instant.now();
            int files = symbols.diskCache().map(d -> d.pruneUnusedSince(now.minus(config.symbolCache().maxIdle())))
                    .orElse(0);
            int records = missing.forgetOlderThan(now.minus(config.symbolCache().missingTtl()));
            int pending = uploads.forgetPendingOlderThan(now.minus(Duration.ofDays(1)));
            return files + " cached file(s), " + records + " missing-symbol record(s) and " + pending
                    + " unfinished upload(s) removed";
        }
    }

    /** Socorro's clearsessions. */
    @ApplicationScoped
    static class EndedSessions implements MaintenanceJob {
        @Inject
        SessionStore sessions;

        @Inject
        AuthConfig auth;

        public String name() {
            return "ended-sessions";
        }

        public String description() {
            return "Deletes browser sessions that expired or were idle for longer than the timeout.";
        }

        public JobSchedule schedule() {
            return JobSchedule.every(Duration.ofHours(1));
        }

        public String run(Instant slot, Instant lastSuccess) {
            return sessions.purgeExpired(Instant.now(), auth.session().idleTimeout()) + " session(s) removed";
        }
    }
}
