package io.breakwater.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Rebuilds the search index from object storage: queues crash ids in the durable backlog, which the
 * catch-up job drains (resumable, and idempotent by crash id).
 */
@ApplicationScoped
public class SearchReindexer {

    private static final int BATCH = 1000;
    /** A rebuild covers at most this many days in one call. */
    public static final int MAX_DAYS = 400;

    private final SearchBacklog backlog;
    private final Instance<CrashIdLister> listers;

    @Inject
    public SearchReindexer(SearchBacklog backlog, Instance<CrashIdLister> listers) {
        this.backlog = backlog;
        this.listers = listers;
    }

    /** Queues every crash received from {@code from} to {@code to} (inclusive, UTC); returns how many. */
    public long reindexDays(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("'to' is before 'from'");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("at most " + MAX_DAYS + " days per rebuild");
        }
        if (!listers.isResolvable()) {
            throw new IllegalStateException("no CrashIdLister bean: cannot list crashes in storage");
        }
        CrashIdLister lister = listers.get();
        long[] count = {0};
        List<String> pending = new ArrayList<>(BATCH);
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            lister.forEachCrashId(day, id -> {
                if (!CrashDocumentBuilder.isCrashId(id)) {
                    return;
                }
                pending.add(id);
                count[0]++;
                if (pending.size() >= BATCH) {
                    backlog.enqueueAll(pending, SearchBacklog.Reason.REINDEX, null);
                    pending.clear();
                }
            });
        }
        backlog.enqueueAll(pending, SearchBacklog.Reason.REINDEX, null);
        return count[0];
    }

    /** Queues the given crashes for (re)indexing. */
    public int reindex(Collection<String> crashIds) {
        List<String> valid = crashIds.stream().filter(CrashDocumentBuilder::isCrashId).distinct().toList();
        for (int i = 0; i < valid.size(); i += BATCH) {
            backlog.enqueueAll(valid.subList(i, Math.min(valid.size(), i + BATCH)), SearchBacklog.Reason.REINDEX, null);
        }
        return valid.size();
    }
}
