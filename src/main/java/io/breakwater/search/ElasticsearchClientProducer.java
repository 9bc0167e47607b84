package io.breakwater.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

import java.io.IOException;

/**
 * The Elasticsearch client for the node at {@code breakwater.es.url} (the embedded one unless
 * {@code BREAKWATER_ES_URL} names another). Inject {@link ElasticsearchClient}; the low-level
 * {@link RestClient} is available too for requests the typed client does not cover.
 */
@ApplicationScoped
public class ElasticsearchClientProducer {

    @Inject
    ElasticsearchConfig config;

    private RestClient restClient;

    @Produces
    @Singleton
    RestClient restClient() {
        synchronized (this) {
            if (restClient == null) {
                String url = config.url().map(String::strip).filter(u -> !u.isEmpty()).orElseThrow(() ->
                        new IllegalStateException("breakwater.es.url is not set (BREAKWATER_ES_URL)"));
                restClient = RestClient.builder(HttpHost.create(url)).build();
            }
            return restClient;
        }
    }

    @Produces
    @Singleton
    ElasticsearchClient elasticsearchClient(RestClient rest) {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(mapper)));
    }

    @PreDestroy
    void close() throws IOException {
        synchronized (this) {
            if (restClient != null) {
                restClient.close();
                restClient = null;
            }
        }
    }
}
