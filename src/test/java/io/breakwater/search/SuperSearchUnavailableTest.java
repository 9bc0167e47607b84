package io.breakwater.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Without a reachable search node, Super Search fails as "unavailable", never as the caller's error. */
class SuperSearchUnavailableTest {

    @Test
    void closedPortIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (RestClient rest = RestClient.builder(HttpHost.create("http://127.0.0.1:" + port)).build()) {
            ElasticsearchClient client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
            SuperSearch search = new SuperSearch(client, FieldRegistry.loadDefault(), new CrashIndexNames("bw"));
            assertThrows(SearchUnavailableException.class, () -> search.search(Map.of(), SearchAccess.PUBLIC_ONLY));
            // parameters are still checked first
            SuperSearchException e = assertThrows(SuperSearchException.class,
                    () -> search.search(Map.of("nope", List.of("1")), SearchAccess.PUBLIC_ONLY));
            assertEquals(400, e.status());
            // _return_query needs no search node
            Map<String, Object> query = search.search(Map.of("_return_query", List.of("true")), SearchAccess.PUBLIC_ONLY);
            assertTrue(query.containsKey("query"));
        }
    }
}
