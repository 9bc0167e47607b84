package io.breakwater.web;

import io.quarkus.qute.TemplateData;

import java.util.List;

/** What the admin System page renders (values already printable; Qute escapes them). */
public final class SystemViews {

    private SystemViews() {
    }

    @TemplateData
    public record LaneRow(String lane, long pending, long claimed, long parked) {
    }

    @TemplateData
    public record ParkedRow(long id, String crashId, String reportUrl, String lane, String ruleset, int attempts,
                            String enqueued, String lastError, String retryUrl) {
    }

    @TemplateData
    public record Backlog(long total, long due, long waiting, long parked) {
    }

    @TemplateData
    public record JobRow(String name, String lastSuccess, int failures, String lastError, String nextRun,
                         String running) {
    }

    @TemplateData
    public record CacheRow(String cache, long entries, String size, String limit, long hits, long misses,
                           String hitRate, long evictions) {
    }

    @TemplateData
    public record StageRow(String stage, long count, String mean, String p50, String p99) {
    }

    @TemplateData
    public record StorageRow(String bucket, String prefix, long objects, String size) {
    }

    public record IndexRow(String name, String firstDay, String docs, String size) {
    }

    @TemplateData
    public record Processor(boolean running, int workers, int inFlight, long processed, String instance,
                            String roles) {
    }

    /**
     * The page. Each section comes with the reason it could not be read ({@code *Error}, else null), so that one
     * service being down leaves the rest of the page readable.
     */
    @TemplateData
    public record SystemPage(Processor processor,
                             List<LaneRow> queue, String queueError,
                             List<ParkedRow> parked, int parkedLimit, String parkedError,
                             Backlog backlog, String backlogError,
                             List<JobRow> jobs, String jobsError,
                             List<CacheRow> caches,
                             List<StageRow> stages,
                             List<IndexRow> indices, String indexTotals, String indicesError,
                             List<StorageRow> storage, String storageMeasured, String storageError, String disk,
                             String message) {
    }
}
