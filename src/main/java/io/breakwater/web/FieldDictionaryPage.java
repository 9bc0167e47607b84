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

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
                entries.add(new Views.FieldEntry(f.name(), f.queryType().jsonName(), f.storage().name().toLowerCase(Locale.ROOT),
                        operators(f), f.isProtected(), usable, f.description(), String.join("\n", f.sources()),
                        usable && facetable(f) ? new Query().add("_facets", f.name()).url("/search/") : null,
                        usable && example != null ? new Query().add(f.name(), example).url("/search/") : null,
                        example == null ? null : f.name() + "=" + example));
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

    /** A value (operator and operand) that searches the field the way its type is usually searched. */
    static String example(FieldDefinition f) {
        return switch (f.queryType()) {
            case STRING -> f.allows(Operator.CONTAINS) ? "~text" : f.allows(Operator.STARTS_WITH) ? "^prefix" : null;
            case ENUM -> "!__null__";
            case INTEGER, FLOAT -> f.allows(Operator.GREATER_OR_EQUAL) ? ">=1" : null;
            case BOOL -> f.allows(Operator.IS_TRUE) ? "__true__" : null;
            case DATE -> f.allows(Operator.GREATER_OR_EQUAL) ? ">=" + LocalDate.now(ZoneOffset.UTC).minusDays(1) : null;
        };
    }
}
