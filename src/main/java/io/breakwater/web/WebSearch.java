package io.breakwater.web;

import io.breakwater.access.AuditLog;
import io.breakwater.search.FieldDefinition;
import io.breakwater.search.FieldRegistry;
import io.breakwater.search.SearchAccess;
import io.breakwater.search.SuperSearch;
import io.breakwater.search.SuperSearchRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The pages' door to Super Search, called in-process. Throws the service's
 * {@link io.breakwater.search.SuperSearchException} and {@link io.breakwater.search.SearchUnavailableException}.
 */
@ApplicationScoped
public class WebSearch {

    @Inject
    SuperSearch superSearch;

    @Inject
    AuditLog audit;

    /** Searches as {@code viewer} may; a search that touches protected fields is audited. */
    public SearchResult search(Query query, Viewer viewer) {
        SearchAccess access = viewer.access();
        SuperSearchRequest request = superSearch.parse(query.copy().asMap(), access);
        SearchResult result = SearchResult.from(superSearch.search(request));
        if (!request.protectedFieldsUsed().isEmpty()) {
            audit.record(viewer.caller(), AuditLog.SEARCH_PROTECTED, "page search",
                    String.join(",", request.protectedFieldsUsed()) + " ?" + query.copy().asMap());
        }
        return result;
    }

    public FieldRegistry registry() {
        return superSearch.registry();
    }

    /** Fields the viewer may filter on, show and facet on, in registry order. */
    public List<FieldDefinition> fields(Viewer viewer) {
        return registry().all().stream().filter(viewer.access()::mayUse).toList();
    }
}
