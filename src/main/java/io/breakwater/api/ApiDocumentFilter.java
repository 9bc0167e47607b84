package io.breakwater.api;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the OpenAPI document to the API: {@code /api/…} (but not the {@code /api/} documentation page),
 * {@code /submit}, {@code /symbols/…} and the Dockerflow endpoints. Everything else the scan finds is an
 * HTML page; filtering by path (rather than hiding page classes one by one) keeps pages added later out too.
 */
public class ApiDocumentFilter implements OASFilter {

    static boolean isApi(String path) {
        if (path.equals("/api") || path.equals("/api/")) {
            return false;
        }
        return path.startsWith("/api/") || path.equals("/submit") || path.startsWith("/symbols/")
                || path.matches("/__[a-z]+__");
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Set<String> usedTags = new HashSet<>();
        for (Map.Entry<String, PathItem> e : Map.copyOf(openAPI.getPaths().getPathItems()).entrySet()) {
            if (!isApi(e.getKey())) {
                openAPI.getPaths().removePathItem(e.getKey());
                continue;
            }
            Map<PathItem.HttpMethod, Operation> operations = e.getValue().getOperations();
            if (operations != null) {
                operations.values().forEach(o -> {
                    if (o.getTags() != null) {
                        usedTags.addAll(o.getTags());
                    }
                });
            }
        }
        List<Tag> tags = openAPI.getTags();
        if (tags != null) {
            // Tags of dropped pages would otherwise stay in the list.
            tags.stream().filter(t -> !usedTags.contains(t.getName())).toList().forEach(openAPI::removeTag);
        }
    }
}
