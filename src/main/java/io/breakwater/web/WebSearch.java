package io.breakwater.web;

import io.breakwater.search.FieldDefinition;
import io.breakwater.search.FieldRegistry;
import io.breakwater.search.SearchAccess;
import io.breakwater.search.SuperSearch;
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

    public SearchResult search(Query query, SearchAccess access) {
        return SearchResult.from(superSearch.search(query.copy().asMap(), access));
    }

    public FieldRegistry registry() {
        return superSearch.registry();
    }

    /** Fields the viewer may filter on, show and facet on, in registry order. */
    public List<FieldDefinition> fields(Viewer viewer) {
        return registry().all().stream().filter(viewer.access()::mayUse).toList();
    }
}
