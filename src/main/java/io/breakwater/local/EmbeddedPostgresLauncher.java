package io.breakwater.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Runs a real PostgreSQL server (zonky binaries pinned in the pom) on a persistent data directory and a
 * free port chosen at each start.
 */
public final class EmbeddedPostgresLauncher {

    public static final String DATABASE = "breakwater";
    public static final String USER = "postgres";
    // The embedded cluster uses trust authentication; the password is only there for clients that want one.
    public static final String PASSWORD = "postgres";

    private EmbeddedPostgresLauncher() {
    }

    /** Connection facts of a running server; {@link #close()} stops it. */
    public record Running(String jdbcUrl, String user, String password, int port, EmbeddedPostgres server)
            implements AutoCloseable {
        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop PostgreSQL on port " + port, e);
            }
        }

        @Override
        public String toString() {
            return "PostgreSQL at " + jdbcUrl;
        }
    }

    /**
     * Starts PostgreSQL with its cluster in {@code dataDir} (created by initdb on first use, reused after),
     * logging to {@code logFile}, and makes sure the application database exists.
     */
    public static Running start(Path dataDir, Path logFile) throws IOException {
        Files.createDirectories(dataDir);
        Files.createDirectories(logFile.getParent());
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // LocalServices decides when to stop, after the application is done with the database.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(90))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            createDatabaseIfMissing(pg);
        } catch (SQLException e) {
            pg.close();
            throw new IOException("PostgreSQL started but database '" + DATABASE + "' could not be created", e);
        }
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + DATABASE;
        return new Running(url, USER, PASSWORD, pg.getPort(), pg);
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                q.setString(1, DATABASE);
                try (ResultSet rs = q.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                }
            }
        }
    }
}
