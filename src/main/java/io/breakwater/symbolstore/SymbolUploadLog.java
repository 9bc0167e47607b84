package io.breakwater.symbolstore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Who uploaded which symbol files when (tables {@code symbol_upload}, {@code symbol_upload_file}). */
@ApplicationScoped
public class SymbolUploadLog {

    /** One upload as recorded. */
    public record Recorded(long id, Instant uploadedAt) {}

    private final DataSource dataSource;

    @Inject
    public SymbolUploadLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Recorded record(String uploadedBy, String userAgent, long zipBytes, List<SymbolZip.ExtractedFile> files) {
        long total = files.stream().mapToLong(SymbolZip.ExtractedFile::size).sum();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Recorded recorded;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO symbol_upload "
                                + "(uploaded_by, user_agent, zip_bytes, file_count, total_bytes) VALUES (?, ?, ?, ?, ?)",
                        new String[] {"id", "uploaded_at"})) {
                    ps.setString(1, uploadedBy);
                    ps.setString(2, userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 1000)));
                    ps.setLong(3, zipBytes);
                    ps.setInt(4, files.size());
                    ps.setLong(5, total);
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        recorded = new Recorded(keys.getLong(1), keys.getTimestamp(2).toInstant());
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO symbol_upload_file "
                        + "(upload_id, symbol_key, debug_file, debug_id, os, cpu, size_bytes, sha256) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (SymbolZip.ExtractedFile f : files) {
                        ps.setLong(1, recorded.id());
                        ps.setString(2, f.key().objectKey());
                        ps.setString(3, f.key().debugFile());
                        ps.setString(4, f.key().debugId());
                        ps.setString(5, f.os());
                        ps.setString(6, f.cpu());
                        ps.setLong(7, f.size());
                        ps.setString(8, f.sha256());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                return recorded;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record symbol upload: " + e.getMessage(), e);
        }
    }
}
