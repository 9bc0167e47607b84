package io.breakwater.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

import java.io.InputStream;

/** Ready when the search cluster reports yellow or green ({@code /_cluster/health}; the node has no {@code GET /}). */
@Readiness
@ApplicationScoped
public class SearchHealthCheck implements HealthCheck {

    static final String NAME = "search";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RestClient restClient;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        try {
            Request request = new Request("GET", "/_cluster/health");
            request.addParameter("timeout", "2s");
            Response r = restClient.performRequest(request);
            JsonNode body;
            try (InputStream in = r.getEntity().getContent()) {
                body = JSON.readTree(in);
            }
            String status = body.path("status").asText("unknown");
            response.withData("status", status).withData("nodes", body.path("number_of_nodes").asLong());
            return ("green".equals(status) || "yellow".equals(status) ? response.up() : response.down()).build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
