package io.breakwater.web;

import io.breakwater.access.AccessPolicy;
import io.breakwater.search.FieldDefinition;
import io.breakwater.search.Operator;
import io.breakwater.search.QueryType;
import io.breakwater.search.StorageType;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code /search/fields/}: the data dictionary — every Super Search field with its type, operators, where the
 * value comes from, whether it is protected, and an example search. The names are not secret (Socorro lists
 * them too); the values of protected fields are, and the page says who may use them.
 */
@Path("/search/fields/")
@Produces("text/html")
public class FieldDictionaryPage {

    @Inject
    AccessPolicy access;

    @Inject
    WebSearch search;

    @GET
    @Operation(hidden = true)
    public Response page() {
        return Pages.guard(() -> {
            Viewer viewer = new Viewer(access.caller());
            List<Views.FieldEntry> entries = new ArrayList<>();
            long protectedCount = 0;
            for (FieldDefinition f : search.registry().all()) {
                boolean usable = viewer.access().mayUse(f);
                protectedCount += f.isProtected() ? 1 : 0;
                String example = example(f);
                entries.add(new Views.FieldEntry(f.name(), f.queryType().jsonName(), f.storage().name().toLowerCase(java.util.Locale.ROOT),
                        operators(f), f.isProtected(), usable, f.description(), String.join("\n", f.sources()),
                        usable && facetable(f) ? new Query().add("_facets", f.name()).url("/search/") : null,
                        usable && example != null ? "/search/?" + example : null,
                        example == null ? null : java.net.URLDecoder.decode(example, java.nio.charset.StandardCharsets.UTF_8)));
            }
            entries.sort(Comparator.comparing(Views.FieldEntry::name));
            return Pages.ok(Pages.fields(new Views.FieldDictionary(entries, protectedCount,
                    viewer.access().protectedFields(), "/api/SuperSearchFields")));
        });
    }

    private static boolean facetable(FieldDefinition f) {
        return f.storage() != StorageType.DATE && f.queryType() != QueryType.FLOAT;
    }

    private static String operators(FieldDefinition f) {
        return f.operators().stream().sorted().map(FieldDictionaryPage::operatorText).collect(Collectors.joining(" "));
    }

    private static String operatorText(Operator o) {
        return o.token().isEmpty() ? "(none)" : o.token();
    }

    /** A query string that exercises the field the way its type is usually searched. */
    static String example(FieldDefinition f) {
        String name = f.name();
        return switch (f.queryType()) {
            case STRING -> f.allows(Operator.CONTAINS) ? name + "=~text" : f.allows(Operator.STARTS_WITH)
                    ? name + "=^prefix" : null;
            case ENUM -> name + "=!__null__";
            case INTEGER, FLOAT -> f.allows(Operator.GREATER_OR_EQUAL) ? name + "=%3E%3D1" : null;
            case BOOL -> f.allows(Operator.IS_TRUE) ? name + "=__true__" : null;
            case DATE -> f.allows(Operator.GREATER_OR_EQUAL) ? name + "=%3E%3D" + java.time.LocalDate.now(
                    java.time.ZoneOffset.UTC).minusDays(1) : null;
        };
    }
}
