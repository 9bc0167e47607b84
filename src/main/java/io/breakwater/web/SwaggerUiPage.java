package io.breakwater.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Swagger UI's start page without inline scripts. The page Quarkus generates configures Swagger UI in two
 * inline {@code <script>} blocks, which the site's Content-Security-Policy ({@code script-src 'self'})
 * rightly blocks; this one loads the same bundle and starts it from {@code /static/swagger-ui-init.js}.
 * Swagger UI's own files (scripts, styles, images) are still served by Quarkus from {@value #PATH}.
 */
@ApplicationScoped
public class SwaggerUiPage {

    /** {@code quarkus.swagger-ui.path} under the default non-application root. */
    static final String PATH = "/q/swagger-ui/";
    /** {@code quarkus.smallrye-openapi.path} under the default non-application root. */
    static final String DOCUMENT = "/q/openapi";

    static final String HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Breakwater API – Swagger UI</title>
            <link rel="stylesheet" href="swagger-ui.css">
            <link rel="icon" href="favicon.ico">
            </head>
            <body>
            <p class="breakwater-back"><a href="/api/">API documentation</a> · <a href="%s">OpenAPI document</a></p>
            <div id="swagger-ui" data-openapi="%s"></div>
            <script src="swagger-ui-bundle.js"></script>
            <script src="/static/swagger-ui-init.js"></script>
            </body>
            </html>
            """.formatted(DOCUMENT, DOCUMENT);

    void route(@Observes Router router) {
        // Ahead of Quarkus's own Swagger UI route (registered without an order, so at 0 or later), which would
        // answer with its generated page; after the response headers (the CSP among them) and the body limits.
        for (String path : new String[] {PATH, PATH + "index.html"}) {
            router.route(HttpMethod.GET, path).order(-1)
                    .handler(ctx -> ctx.response().putHeader("Content-Type", "text/html;charset=UTF-8")
                            .putHeader("Cache-Control", "no-cache").end(HTML));
        }
    }
}
