package io.breakwater.queue;

import io.breakwater.local.LocalServicesTestResource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private schema on the test JVM's shared PostgreSQL with this capability's migrations (V1-V9)
 * applied, so queue tests see only their own rows whatever else uses the application schema.
 */
final class QueueTestDatabase {

    private static final Pattern OWN_MIGRATION = Pattern.compile("V([1-9])__.*\\.sql");

    private QueueTestDatabase() {
    }

    static DataSource freshSchema(String name) {
        LocalServicesTestResource.Shared services = LocalServicesTestResource.shared();
        // Local database of the test resource, or the external one named in the environment.
        String url = or(services.jdbcUrl(), System.getenv("BREAKWATER_DB_URL"));
        Assumptions.assumeTrue(url != null, "queue tests need PostgreSQL (test resource or BREAKWATER_DB_URL)");
        String schema = name + "_" + System.nanoTime();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(or(services.dbUser(), System.getenv("BREAKWATER_DB_USER")));
        ds.setPassword(or(services.dbPassword(), System.getenv("BREAKWATER_DB_PASSWORD")));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        ds.setCurrentSchema(schema);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (Path migration : ownMigrations()) {
                s.execute(Files.readString(migration));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("applying migrations failed", e);
        }
        return ds;
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    private static List<Path> ownMigrations() throws IOException {
        URL dir = QueueTestDatabase.class.getClassLoader().getResource("db/migration");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.filter(p -> OWN_MIGRATION.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(QueueTestDatabase::version))
                    .toList();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static int version(Path p) {
        Matcher m = OWN_MIGRATION.matcher(p.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }
}
