package io.breakwater.local;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts real PostgreSQL, s3proxy and Elasticsearch through {@link LocalServices} with private data directories. */
class LocalServicesTest {

    private static Path root;

    @BeforeAll
    static void createRoot() throws Exception {
        root = Files.createDirectories(Path.of("target", "test-data")).resolve("local-services-" + System.nanoTime());
        Files.createDirectories(root);
    }

    @AfterAll
    static void deleteRoot() {
        LocalServicesTestResource.deleteTree(root);
    }

    private static ServiceConfig config(Path dataDir, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(extra);
        values.put(ServiceConfig.DATA_DIR, dataDir.toString());
        return ServiceConfig.fromMap(values);
    }

    @Test
    void dataSurvivesARestartWithTheSameDataDirectory() throws Exception {
        Path dataDir = root.resolve("restart");
        try (LocalServices first = LocalServices.start(config(dataDir, Map.of()))) {
            try (Connection c = connect(first); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id int primary key, note text)");
                s.execute("INSERT INTO kept VALUES (1, 'before restart')");
            }
            MinioClient s3 = s3(first);
            s3.makeBucket(MakeBucketArgs.builder().bucket("kept").build());
            byte[] body = "object before restart".getBytes(StandardCharsets.UTF_8);
            s3.putObject(PutObjectArgs.builder().bucket("kept").object("a/b.txt")
                    .data(body, body.length).build());
            try (SearchClient es = search(first)) {
                es.client().index(i -> i.index("kept").id("doc-1").document(Map.of("note", "doc before restart"))
                        .refresh(Refresh.True));
            }
        }
        try (LocalServices second = LocalServices.start(config(dataDir, Map.of()))) {
            try (Connection c = connect(second); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT note FROM kept WHERE id = 1")) {
                assertTrue(rs.next(), "row written before the restart is gone");
                assertEquals("before restart", rs.getString(1));
            }
            try (InputStream in = s3(second).getObject(GetObjectArgs.builder().bucket("kept").object("a/b.txt").build())) {
                assertEquals("object before restart", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            try (SearchClient es = search(second)) {
                GetResponse<Map> doc = es.client().get(g -> g.index("kept").id("doc-1"), Map.class);
                assertTrue(doc.found(), "document indexed before the restart is gone");
                assertEquals("doc before restart", doc.source().get("note"));
            }
        }
        assertTrue(Files.isDirectory(dataDir.resolve("elasticsearch").resolve("data")), "index not under the data dir");
        assertTrue(Files.isDirectory(dataDir.resolve("postgres")), "PostgreSQL cluster not under the data dir");
        assertTrue(Files.isDirectory(dataDir.resolve("s3").resolve("kept")), "bucket not under the data dir");
    }

    @Test
    void twoInstancesWithDifferentDataDirectoriesRunSideBySide() throws Exception {
        try (LocalServices a = LocalServices.start(config(root.resolve("side-a"), Map.of()));
             LocalServices b = LocalServices.start(config(root.resolve("side-b"), Map.of()))) {
            assertNotEquals(a.properties().get(LocalServices.DB_URL), b.properties().get(LocalServices.DB_URL));
            assertNotEquals(a.properties().get(LocalServices.S3_ENDPOINT), b.properties().get(LocalServices.S3_ENDPOINT));
            try (Connection ca = connect(a); Statement s = ca.createStatement()) {
                s.execute("CREATE TABLE only_in_a (id int)");
            }
            try (Connection cb = connect(b); Statement s = cb.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "instances share a database");
            }
            s3(a).makeBucket(MakeBucketArgs.builder().bucket("only-in-a").build());
            assertFalse(s3(b).bucketExists(BucketExistsArgs.builder().bucket("only-in-a").build()),
                    "instances share an object store");
            assertNotEquals(a.properties().get(LocalServices.ES_URL), b.properties().get(LocalServices.ES_URL));
            try (SearchClient ea = search(a); SearchClient eb = search(b)) {
                ea.client().indices().create(c -> c.index("only-in-a"));
                assertFalse(eb.client().indices().exists(e -> e.index("only-in-a")).value(),
                        "instances share a search node");
            }
        }
    }

    @Test
    void externallyConfiguredServicesAreNotStarted() throws Exception {
        Path dataDir = root.resolve("external");
        Map<String, String> external = Map.of(
                "BREAKWATER_DB_URL", "jdbc:postgresql://db.example.invalid:5432/breakwater",
                "breakwater.s3.endpoint", "http://s3.example.invalid:9000",
                "BREAKWATER_ES_URL", "http://es.example.invalid:9200");
        try (LocalServices services = LocalServices.start(config(dataDir, external))) {
            assertTrue(services.postgres().isEmpty());
            assertTrue(services.s3().isEmpty());
            assertTrue(services.elasticsearch().isEmpty());
            assertTrue(services.properties().isEmpty(), "published config for services it did not start: "
                    + services.properties());
        }
        assertFalse(Files.exists(dataDir.resolve("postgres")));
        assertFalse(Files.exists(dataDir.resolve("s3")));
        assertFalse(Files.exists(dataDir.resolve("elasticsearch")));
    }

    @Test
    void externalDatabaseOnlyStillStartsTheObjectStore() throws Exception {
        Map<String, String> external = Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db.example.invalid/x",
                "breakwater.es.url", "http://es.example.invalid:9200");
        try (LocalServices services = LocalServices.start(config(root.resolve("partial"), external))) {
            assertTrue(services.postgres().isEmpty());
            assertTrue(services.s3().isPresent());
            assertTrue(services.elasticsearch().isEmpty());
            assertFalse(services.properties().containsKey(LocalServices.DB_URL));
            assertFalse(services.properties().containsKey(LocalServices.ES_URL));
            assertFalse(s3(services).bucketExists(BucketExistsArgs.builder().bucket("nothing-here").build()));
        }
    }

    private static Connection connect(LocalServices services) throws Exception {
        Map<String, String> p = services.properties();
        return DriverManager.getConnection(p.get(LocalServices.DB_URL), p.get(LocalServices.DB_USER),
                p.get(LocalServices.DB_PASSWORD));
    }

    /** A typed client plus the low-level one it needs closing. */
    private record SearchClient(ElasticsearchClient client, RestClient rest) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            rest.close();
        }
    }

    private static SearchClient search(LocalServices services) {
        RestClient rest = RestClient.builder(HttpHost.create(services.properties().get(LocalServices.ES_URL))).build();
        return new SearchClient(new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper())), rest);
    }

    private static MinioClient s3(LocalServices services) {
        Map<String, String> p = services.properties();
        return MinioClient.builder().endpoint(p.get(LocalServices.S3_ENDPOINT))
                .credentials(p.get(LocalServices.S3_ACCESS_KEY), p.get(LocalServices.S3_SECRET_KEY)).build();
    }
}
