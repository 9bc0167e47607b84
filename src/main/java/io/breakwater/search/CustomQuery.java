package io.breakwater.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Socorro's "custom query": a raw Elasticsearch search body run against the crash alias, for people
 * holding the custom-queries permission. Only a search body is accepted (query, aggregations, sort,
 * paging, source filtering), never scripts, and it runs with a time limit; the answer is Elasticsearch's.
 */
@ApplicationScoped
public class CustomQuery {

    static final Set<String> ALLOWED_KEYS = Set.of("query", "aggs", "aggregations", "size", "from", "sort",
            "_source", "track_total_hits", "post_filter");
    static final Set<String> FORBIDDEN_ANYWHERE = Set.of("script", "script_score", "scripted_metric",
            "script_fields", "runtime_mappings", "stored_fields");
    public static final int MAX_SIZE = 1000;
    public static final int MAX_FROM = 10_000;
    static final String TIMEOUT = "30s";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RestClient client;
    private final CrashIndexNames names;

    @Inject
    public CustomQuery(RestClient client, CrashIndexNames names) {
        this.client = client;
        this.names = names;
    }

    /**
     * @throws SuperSearchException       a body that is not a plain search (400), or one Elasticsearch refused (400)
     * @throws SearchUnavailableException Elasticsearch could not answer
     */
    public JsonNode run(JsonNode body) {
        validate(body);
        Request request = new Request("POST", "/" + names.alias() + "/_search");
        request.addParameter("timeout", TIMEOUT);
        request.addParameter("ignore_unavailable", "true");
        request.addParameter("allow_no_indices", "true");
        request.setEntity(new NStringEntity(body.toString(), ContentType.APPLICATION_JSON));
        request.setOptions(RequestOptions.DEFAULT);
        try {
            Response response = client.performRequest(request);
            return MAPPER.readTree(response.getEntity().getContent());
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                throw SuperSearchException.badRequest("query", "Elasticsearch refused the query: " + reason(e));
            }
            throw new SearchUnavailableException("Elasticsearch answered " + status, e);
        } catch (IOException e) {
            throw new SearchUnavailableException(e.getMessage(), e);
        }
    }

    static void validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw SuperSearchException.badRequest("query", "the body must be a JSON object: an Elasticsearch search "
                    + "body such as {\"query\": {...}, \"aggs\": {...}, \"size\": 10}");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!ALLOWED_KEYS.contains(key)) {
                throw SuperSearchException.badRequest(key, "\"" + key + "\" is not allowed in a custom query; use "
                        + String.join(", ", new java.util.TreeSet<>(ALLOWED_KEYS)));
            }
        }
        bounded(body, "size", MAX_SIZE);
        bounded(body, "from", MAX_FROM);
        forbidScripts(body, 0);
    }

    private static void bounded(JsonNode body, String key, int max) {
        JsonNode v = body.get(key);
        if (v != null && (!v.canConvertToInt() || v.asInt() < 0 || v.asInt() > max)) {
            throw SuperSearchException.badRequest(key, key + " must be a number from 0 to " + max);
        }
    }

    private static void forbidScripts(JsonNode node, int depth) {
        if (depth > 100) {
            throw SuperSearchException.badRequest("query", "the query is nested too deeply");
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (FORBIDDEN_ANYWHERE.contains(e.getKey())) {
                    throw SuperSearchException.badRequest(e.getKey(), "\"" + e.getKey()
                            + "\" is not allowed in a custom query: no scripts, no runtime fields");
                }
                forbidScripts(e.getValue(), depth + 1);
            }
        } else if (node != null && node.isArray()) {
            for (JsonNode child : node) {
                forbidScripts(child, depth + 1);
            }
        }
    }

    private static String reason(ResponseException e) {
        try {
            JsonNode error = MAPPER.readTree(e.getResponse().getEntity().getContent()).path("error");
            String reason = error.path("root_cause").path(0).path("reason").asText(error.path("reason").asText(""));
            return reason.isEmpty() ? "status " + e.getResponse().getStatusLine().getStatusCode() : reason;
        } catch (IOException | RuntimeException parse) {
            return "status " + e.getResponse().getStatusLine().getStatusCode();
        }
    }
}
