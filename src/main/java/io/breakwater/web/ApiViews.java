package io.breakwater.web;

import io.quarkus.qute.TemplateData;

import java.util.List;

/** What the API documentation page ({@code /api/}) renders. */
public final class ApiViews {

    private ApiViews() {
    }

    /** A parameter: where it goes ({@code query}, {@code path}, {@code form}, {@code body}, {@code header}). */
    @TemplateData
    public record Param(String name, String in, boolean required, String description) {
    }

    /**
     * One endpoint. {@code access} says who may call it; {@code tokenNeeded} marks those that refuse callers
     * without a token holding {@code permission}.
     */
    @TemplateData
    public record Endpoint(String anchor, String method, String path, String summary, String description,
                           String access, boolean tokenNeeded, String permission, List<Param> params,
                           List<String> examples) {
    }

    @TemplateData
    public record Group(String name, String anchor, String description, List<Endpoint> endpoints) {
    }

    @TemplateData
    public record Docs(String base, List<Group> groups, String swaggerUrl, String openApiUrl, String fieldsUrl,
                       String metricsUrl) {
    }
}
