package io.breakwater.testsupport;

import io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveRecorder;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.resteasy.reactive.server.core.Deployment;
import org.jboss.resteasy.reactive.server.handlers.ClassRoutingHandler;
import org.jboss.resteasy.reactive.server.handlers.RestInitialHandler;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The routes the running application actually registered: every JAX-RS endpoint of the REST deployment,
 * and every plain Vert.x route with a fixed path (health checks, static files). Tests that must cover
 * every endpoint iterate over these, so a new endpoint cannot escape them.
 */
@ApplicationScoped
public class RegisteredRoutes {

    private static volatile Router router;

    /** One endpoint: HTTP method, path template ({@code /report/index/{crashId}}) and where it is implemented. */
    public record Endpoint(String method, String template, String implementation) {
    }

    void keep(@Observes Router r) {
        router = r;
    }

    public static List<Endpoint> all() {
        List<Endpoint> out = new ArrayList<>(jaxRs());
        out.addAll(vertx());
        out.sort(Comparator.comparing(Endpoint::template).thenComparing(Endpoint::method));
        return out;
    }

    public static List<Endpoint> jaxRs() {
        Deployment deployment = ResteasyReactiveRecorder.getCurrentDeployment();
        if (deployment == null) {
            throw new IllegalStateException("no REST deployment: call this from a @QuarkusTest");
        }
        List<Endpoint> out = new ArrayList<>();
        for (RequestMapper.RequestPath<RestInitialHandler.InitialMatch> classPath : deployment.getClassMappers()) {
            for (ServerRestHandler handler : classPath.value.handlers) {
                if (!(handler instanceof ClassRoutingHandler routing)) {
                    continue;
                }
                for (Map.Entry<String, RequestMapper<RuntimeResource>> byMethod : routing.getMappers().entrySet()) {
                    for (RequestMapper.RequestPath<RuntimeResource> p : byMethod.getValue().getTemplates()) {
                        RuntimeResource r = p.value;
                        String method = r.getHttpMethod() == null ? byMethod.getKey() : r.getHttpMethod();
                        out.add(new Endpoint(method, join(r.getClassPath() == null ? classPath.template.template
                                : r.getClassPath().template, r.getPath() == null ? "" : r.getPath().template),
                                (r.getResourceClass() == null ? "" : r.getResourceClass().getSimpleName() + ".")
                                        + r.getJavaMethodName()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Fixed-path Vert.x routes (no wildcards, no path parameters), sub-routers included (the {@code /q/}
     * health endpoints live in one); GET is assumed where no method is set.
     */
    public static List<Endpoint> vertx() {
        if (router == null) {
            return List.of();
        }
        List<Endpoint> out = new ArrayList<>();
        collect(router, "", out, 0);
        return out.stream().distinct().toList();
    }

    private static void collect(Router from, String prefix, List<Endpoint> out, int depth) {
        for (Route route : from.getRoutes()) {
            String path = route.getPath();
            if (route.getSubRouter() != null && depth < 4) {
                String mount = path == null ? prefix : join(prefix, path);
                collect(route.getSubRouter(), mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount,
                        out, depth + 1);
                continue;
            }
            if (path == null || path.contains("*") || path.contains(":") || path.isEmpty()) {
                continue;
            }
            String full = prefix.isEmpty() ? path : join(prefix, path);
            var methods = route.methods();
            if (methods == null || methods.isEmpty()) {
                out.add(new Endpoint("GET", full, "vert.x route"));
            } else {
                new TreeSet<>(methods.stream().map(Object::toString).toList())
                        .forEach(m -> out.add(new Endpoint(m, full, "vert.x route")));
            }
        }
    }

    private static String join(String classPath, String methodPath) {
        String a = classPath == null ? "" : classPath;
        String b = methodPath == null ? "" : methodPath;
        if (b.isEmpty()) {
            return a.isEmpty() ? "/" : a;
        }
        if (a.endsWith("/") && b.startsWith("/")) {
            return a + b.substring(1);
        }
        if (!a.endsWith("/") && !b.startsWith("/")) {
            return a + "/" + b;
        }
        return a + b;
    }
}
