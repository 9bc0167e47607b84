package io.breakwater.api;

import io.breakwater.search.SearchUnavailableException;
import io.breakwater.search.SuperSearchException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Search refusals as JSON for the API: 400/403 with the parameter, 503 while Elasticsearch is away. */
public class SearchErrors {

    @ServerExceptionMapper
    public Response refused(SuperSearchException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        if (e.parameter() != null) {
            body.put("parameter", e.parameter());
        }
        return Response.status(e.status()).entity(body).type(MediaType.APPLICATION_JSON).build();
    }

    @ServerExceptionMapper
    public Response unavailable(SearchUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "10")
                .entity(Map.of("error", "Search is temporarily unavailable: " + e.getMessage()))
                .type(MediaType.APPLICATION_JSON).build();
    }
}
