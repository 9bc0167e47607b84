package io.breakwater.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;

/** A real client pointed at a port nobody listens on: every request fails as when Elasticsearch is down. */
final class UnreachableElasticsearch implements AutoCloseable {

    private final RestClient rest;
    final ElasticsearchClient client;
    /** Fresh, so that being presumed down is this test's alone. */
    final SearchAvailability availability = new SearchAvailability(Duration.ofMinutes(1), Clock.systemUTC());

    UnreachableElasticsearch() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        rest = RestClient.builder(HttpHost.create("http://127.0.0.1:" + closedPort)).build();
        client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }

    CrashIndexManager manager(FieldRegistry registry, CrashIndexNames names) {
        return new CrashIndexManager(client, registry, names, 1, 0, "1s", 26);
    }

    /** An indexer that finds search down and keeps crashes in the real backlog. */
    CrashIndexer indexer(CrashDocumentBuilder builder, FieldRegistry registry, CrashIndexNames names, SearchBacklog backlog) {
        return new CrashIndexer(builder, new CrashIndexWriter(client, names), manager(registry, names), backlog, availability);
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
