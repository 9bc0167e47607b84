package io.breakwater.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Runs a real PostgreSQL server (zonky binaries pinned in the pom) on a persistent data directory and a
 * free port chosen at each start.
 */
public final class EmbeddedPostgresLauncher {

    public static final String DATABASE = "breakwater";
    public static final String USER = "postgres";
    // The embedded cluster uses trust authentication; the password is only there for clients that want one.
    public static final String PASSWORD = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresLauncher.class);

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
        return start(dataDir, logFile, 0);
    }

    /** The same on a given port (0: a free one), e.g. to restart a server where its clients expect it. */
    public static Running start(Path dataDir, Path logFile, int port) throws IOException {
        requireUnprivilegedRun(ProcessUser.isRoot(), EmbeddedPostgresLauncher::userNamespacesWork);
        Files.createDirectories(dataDir);
        Files.createDirectories(logFile.getParent());
        stopOrphanedServer(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres pg = builder
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

    /**
     * PostgreSQL refuses to run as root. As root the zonky library runs it in a user namespace
     * ({@code unshare -U}), where it is not root; where those are not allowed (e.g. a container started as
     * root) initdb would fail with "cannot be run as root" deep in the log, so fail here and say why.
     */
    static void requireUnprivilegedRun(boolean root, BooleanSupplier userNamespacesWork) throws IOException {
        if (root && !userNamespacesWork.getAsBoolean()) {
            throw new IOException("The embedded PostgreSQL cannot run as root here: PostgreSQL refuses root, and"
                    + " user namespaces (unshare -U), in which it would run unprivileged, are not available."
                    + " Start Breakwater as a non-root user (the Docker image's default), or configure an"
                    + " external PostgreSQL with BREAKWATER_DB_URL.");
        }
    }

    /** The same probe zonky makes before it wraps initdb and pg_ctl in {@code unshare -U}. */
    static boolean userNamespacesWork() {
        try {
            Process p = new ProcessBuilder("unshare", "-U", "id", "-u").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no unshare
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A JVM killed without running its shutdown hooks leaves its postmaster running on the data directory,
     * which then refuses a second server. Stop it, but only when no live process holds the directory's
     * lock file (a running instance keeps it locked for its whole life).
     */
    private static void stopOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).getFirst().trim());
        } catch (NumberFormatException | java.util.NoSuchElementException e) {
            return; // PostgreSQL itself copes with a malformed or stale pid file
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains("postgres")
                        && cmd.contains(dataDir.toString())).orElse(false));
        if (orphan.isEmpty() || lockedByLiveInstance(dataDir.resolve("epg-lock"))) {
            return;
        }
        LOG.warnf("Stopping PostgreSQL (pid %d) left running on %s by a previous run", pid, dataDir);
        ProcessHandle server = orphan.get();
        server.destroy(); // SIGTERM: smart shutdown; it has no clients left
        try {
            server.onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            server.destroyForcibly();
            try {
                server.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the start that follows
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping a leftover PostgreSQL", e);
        } catch (ExecutionException e) {
            throw new IOException("Could not stop leftover PostgreSQL (pid " + pid + ")", e);
        }
    }

    private static boolean lockedByLiveInstance(Path lockFile) throws IOException {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this JVM
        }
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
