package io.breakwater.jobs;

import io.breakwater.queue.CrashQueue;
import io.breakwater.search.CrashIndexer;
import io.breakwater.search.SearchUnavailableException;
import io.breakwater.storage.CrashStorage;
import io.breakwater.symbolstore.MissingSymbols;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Removes a crash everywhere (Socorro's permadelete): its queue items first (so nothing processes it again),
 * then raw crash, dumps and processed crash from object storage, its search document, and the bookkeeping
 * rows that name it. Safe to repeat: a partly failed delete is finished by running it again.
 */
@ApplicationScoped
public class CrashDeleter {

    private static final Logger LOG = Logger.getLogger(CrashDeleter.class);

    @Inject
    CrashStorage storage;

    @Inject
    CrashQueue queue;

    @Inject
    CrashIndexer indexer;

    @Inject
    MissingSymbols missingSymbols;

    @Inject
    DataSource dataSource;

    @Inject
    io.breakwater.storage.FreshCrashes fresh;

    /**
     * @param existed      whether there was a raw or processed crash to delete
     * @param complete     whether every part is gone (false: run again)
     * @param searchDocs   search documents removed
     */
    public record Result(String crashId, boolean existed, boolean complete, int searchDocs, String problem) {
    }

    public Result delete(String crashId) {
        boolean existed = storage.rawCrashExists(crashId) || storage.processedCrashExists(crashId);
        queue.deleteByCrashId(crashId);
        fresh.forget(crashId);
        boolean storageClean = storage.deleteCrashQuietly(crashId, storage.listDumps(crashId))
                & storage.deleteProcessedCrash(crashId);
        int docs = 0;
        String problem = storageClean ? null : "object storage did not remove every part";
        try {
            docs = indexer.remove(crashId);
        } catch (SearchUnavailableException e) {
            problem = "search is unavailable, its document remains: " + e.getMessage();
        }
        try {
            missingSymbols.forgetCrash(crashId);
            try (Connection c = dataSource.getConnection();
                 PreparedStatement retained = c.prepareStatement("DELETE FROM retained_crash WHERE crash_id = ?");
                 PreparedStatement missing = c.prepareStatement("DELETE FROM missing_processed_crash WHERE crash_id = ?")) {
                retained.setString(1, crashId);
                retained.executeUpdate();
                missing.setString(1, crashId);
                missing.executeUpdate();
            }
        } catch (SQLException | RuntimeException e) {
            problem = "bookkeeping rows remain: " + e.getMessage();
        }
        if (problem != null) {
            LOG.warnf("crash %s only partly deleted: %s", crashId, problem);
        }
        return new Result(crashId, existed, problem == null, docs, problem);
    }
}
