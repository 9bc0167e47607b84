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
import jakarta.inject.Singleton;
import org.apache.http.HttpHost;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.elasticsearch.client.RestClient;

import java.io.IOException;

/**
 * The Elasticsearch client for the node at {@code breakwater.es.url} (the embedded one unless
 * {@code BREAKWATER_ES_URL} names another). Inject {@link ElasticsearchClient}; the low-level
 * {@link RestClient} is available too for requests the typed client does not cover.
 */
@ApplicationScoped
public class ElasticsearchClientProducer {

    @ConfigProperty(name = "breakwater.es.url")
    String url;

    private RestClient restClient;

    @Produces
    @Singleton
    RestClient restClient() {
        synchronized (this) {
            if (restClient == null) {
                restClient = RestClient.builder(HttpHost.create(url.trim())).build();
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
