package io.breakwater.local;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The application database for command-line tools ({@code quarkus-run.jar admin ...}), without starting
 * the server: the external database when one is configured; else the embedded PostgreSQL of the data
 * directory, joined while a server runs on it, or started just for the command. The schema is migrated
 * first, so the command works before the server ever ran.
 */
public final class CommandLineDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private final EmbeddedPostgresLauncher.Running startedHere;
    private final String description;

    private CommandLineDatabase(DataSource dataSource, EmbeddedPostgresLauncher.Running startedHere, String description) {
        this.dataSource = dataSource;
        this.startedHere = startedHere;
        this.description = description;
    }

    public static CommandLineDatabase open() throws IOException {
        return open(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(name);
        });
    }

    public static CommandLineDatabase open(UnaryOperator<String> lookup) throws IOException {
        ServiceConfig config = ServiceConfig.from(lookup);
        CommandLineDatabase db;
        if (config.externalDbUrl().isPresent()) {
            String url = config.externalDbUrl().get();
            db = new CommandLineDatabase(dataSource(url,
                    first(lookup, "BREAKWATER_DB_USER", "quarkus.datasource.username", "QUARKUS_DATASOURCE_USERNAME")
                            .orElse(EmbeddedPostgresLauncher.USER),
                    first(lookup, "BREAKWATER_DB_PASSWORD", "quarkus.datasource.password", "QUARKUS_DATASOURCE_PASSWORD")
                            .orElse("")), null, url);
        } else {
            Path pgData = config.dataDir().resolve("postgres");
            Optional<Integer> runningPort = runningServerPort(pgData);
            if (runningPort.isPresent()) {
                String url = "jdbc:postgresql://localhost:" + runningPort.get() + "/" + EmbeddedPostgresLauncher.DATABASE;
                db = new CommandLineDatabase(dataSource(url, EmbeddedPostgresLauncher.USER, EmbeddedPostgresLauncher.PASSWORD),
                        null, url + " (the running server's)");
            } else {
                EmbeddedPostgresLauncher.Running pg = EmbeddedPostgresLauncher.start(pgData,
                        config.dataDir().resolve("logs").resolve("postgres.log"));
                db = new CommandLineDatabase(dataSource(pg.jdbcUrl(), pg.user(), pg.password()), pg,
                        pg.jdbcUrl() + " (started for this command)");
            }
        }
        try {
            Flyway.configure().dataSource(db.dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            db.close();
            throw new IOException("could not prepare the database schema at " + db.description + ": " + e.getMessage(), e);
        }
        return db;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (startedHere != null) {
            startedHere.close();
        }
    }

    /** The port of a live PostgreSQL on {@code pgData}, from its postmaster.pid (pid, dir, start, port, ...). */
    static Optional<Integer> runningServerPort(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 4) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).strip());
            int port = Integer.parseInt(lines.get(3).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> port);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static DataSource dataSource(String url, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    private static Optional<String> first(UnaryOperator<String> lookup, String... names) {
        for (String name : names) {
            String value = lookup.apply(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }
}
