package io.breakwater.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A few fields of many indexed crashes at once, by crash id (maintenance jobs). */
@ApplicationScoped
public class CrashDocuments {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RestClient client;
    private final CrashIndexNames names;

    @Inject
    public CrashDocuments(RestClient client, CrashIndexNames names) {
        this.client = client;
        this.names = names;
    }

    /**
     * The given fields of each crash that has a document; crashes without one are absent from the map.
     *
     * @throws SearchUnavailableException Elasticsearch could not answer
     */
    public Map<String, Map<String, String>> find(Collection<String> crashIds, List<String> fields) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (crashIds.isEmpty()) {
            return out;
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.put("size", crashIds.size() * 2);
        ArrayNode values = body.putObject("query").putObject("ids").putArray("values");
        crashIds.forEach(values::add);
        ArrayNode source = body.putArray("_source");
        fields.forEach(source::add);
        Request request = new Request("POST", "/" + names.alias() + "/_search");
        request.addParameter("ignore_unavailable", "true");
        request.addParameter("allow_no_indices", "true");
        request.setEntity(new NStringEntity(body.toString(), ContentType.APPLICATION_JSON));
        try {
            JsonNode hits = MAPPER.readTree(client.performRequest(request).getEntity().getContent()).path("hits").path("hits");
            for (JsonNode hit : hits) {
                Map<String, String> doc = new LinkedHashMap<>();
                for (String field : fields) {
                    JsonNode v = hit.path("_source").get(field);
                    doc.put(field, v == null || v.isNull() ? null : v.asText());
                }
                out.put(hit.path("_id").asText(), doc);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException("cannot look up crashes: " + EsErrors.reason(e), e);
        }
    }
}
