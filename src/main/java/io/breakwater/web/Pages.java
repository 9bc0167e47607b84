package io.breakwater.web;

import io.breakwater.search.SearchUnavailableException;
import io.breakwater.search.SuperSearchException;
import io.breakwater.storage.StorageException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/** The Crash Stats templates ({@code templates/web/*.html}, HTML-escaped) and how pages answer. */
@CheckedTemplate(basePath = "web")
public final class Pages {

    private static final Logger LOG = Logger.getLogger(Pages.class);
    static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");

    private Pages() {
    }

    public static native TemplateInstance home(Views.Home view);

    public static native TemplateInstance product(Views.Product view);

    public static native TemplateInstance topcrashers(Views.TopCrashers view);

    public static native TemplateInstance signature(Views.Signature view);

    public static native TemplateInstance search(Views.Search view);

    public static native TemplateInstance report(Views.Report view);

    public static native TemplateInstance pending(Views.Pending view);

    public static native TemplateInstance error(Views.ErrorPage view);

    public static native TemplateInstance login(AccountViews.Login view);

    public static native TemplateInstance profile(AccountViews.Profile view);

    public static native TemplateInstance tokens(AccountViews.Tokens view);

    public static native TemplateInstance admin(AccountViews.Admin view);

    public static native TemplateInstance adminUser(AccountViews.AdminUser view);

    public static native TemplateInstance adminGroup(AccountViews.AdminGroup view);

    public static native TemplateInstance adminTokens(AccountViews.AdminTokens view);

    public static native TemplateInstance audit(AccountViews.Audit view);

    public static native TemplateInstance jobs(AccountViews.Jobs view);

    public static native TemplateInstance signatureLists(SignatureListsPages.Overview view);

    public static native TemplateInstance signatureRun(SignatureListsPages.RunPage view);

    public static native TemplateInstance system(SystemViews.SystemPage view);

    public static native TemplateInstance apiDocs(ApiViews.Docs view);

    public static native TemplateInstance fields(Views.FieldDictionary view);

    static Response page(int status, TemplateInstance instance) {
        return Response.status(status).type(HTML).entity(instance.render()).build();
    }

    static Response ok(TemplateInstance instance) {
        return page(200, instance);
    }

    static Response error(int status, String title, String message) {
        return page(status, error(new Views.ErrorPage(status, title, Text.printable(message))));
    }

    /** Runs a page, turning a refused search into a 400/403 page and unavailable services into a 503 page. */
    static Response guard(Supplier<Response> page) {
        try {
            return page.get();
        } catch (Windows.BadPageParameter e) {
            return error(400, "Bad request", e.getMessage());
        } catch (SuperSearchException e) {
            return error(e.status(), e.status() == 403 ? "Not allowed" : "Bad request", e.getMessage());
        } catch (SearchUnavailableException e) {
            LOG.warnf("page could not search: %s", e.getMessage());
            return error(503, "Search is unavailable",
                    "Search is temporarily unavailable; please try again in a moment.");
        } catch (StorageException | io.breakwater.queue.QueueException e) {
            LOG.warnf(e, "page could not read storage");
            return error(503, "Storage is unavailable",
                    "Crash storage is temporarily unavailable; please try again in a moment.");
        }
    }
}
