package io.breakwater.local;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The global test resource wires the application to the test JVM's real services. */
@QuarkusTest
class LocalServicesQuarkusTest {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "breakwater.s3.endpoint")
    String s3Endpoint;

    @Inject
    ElasticsearchClient elasticsearch;

    @Test
    void datasourceTalksToTheSharedPostgres() throws Exception {
        String jdbcUrl = LocalServicesTestResource.shared().jdbcUrl();
        Assumptions.assumeTrue(jdbcUrl != null, "tests run against an external database");
        int port = Integer.parseInt(jdbcUrl.replaceFirst("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1"));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), inet_server_port()")) {
            assertTrue(rs.next());
            assertEquals(EmbeddedPostgresLauncher.DATABASE, rs.getString(1));
            assertEquals(port, rs.getInt(2));
        }
    }

    @Test
    void injectedSearchClientTalksToTheSharedNode() throws Exception {
        String index = "quarkus-test-" + System.nanoTime();
        elasticsearch.index(i -> i.index(index).id("1").document(Map.of("signature", "EXCEPTION_ACCESS_VIOLATION"))
                .refresh(Refresh.True));
        assertEquals(1, elasticsearch.count(c -> c.index(index)).count());
        assertTrue(elasticsearch.cluster().health().status().jsonValue().matches("green|yellow"));
        elasticsearch.indices().delete(d -> d.index(index));
    }

    @Test
    void objectStoreEndpointComesFromTheSharedServices() {
        String endpoint = LocalServicesTestResource.shared().s3Endpoint();
        Assumptions.assumeTrue(endpoint != null, "tests run against an external object store");
        assertEquals(endpoint, s3Endpoint);
    }
}
