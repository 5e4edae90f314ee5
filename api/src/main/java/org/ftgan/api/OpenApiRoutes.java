package org.ftgan.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * GET /openapi.json: the hand-written OpenAPI 3 document of the route contract
 * ({@code openapi.json} beside this class), restricted to the operations this server has
 * registered, so it never promises a route that is not there. Which registered routes it does not
 * describe is {@link #undocumented}; tests require that to be empty.
 */
final class OpenApiRoutes implements ApiRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCE = "openapi.json";

    private final ObjectNode document;
    private final Supplier<Set<String>> registered;

    /** @param registered the server's routes as {@link #routeKey} strings, read when the document is served */
    OpenApiRoutes(Supplier<Set<String>> registered) {
        this.document = load();
        this.registered = registered;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/openapi.json", this::serve);
    }

    void serve(Context ctx) {
        ctx.contentType("application/json").result(servedDocument(registered.get()).toString());
    }

    /** The full document's operations as route keys ("GET /api/experiments/{}"). */
    Set<String> documented() {
        Set<String> out = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(p ->
                p.getValue().fieldNames().forEachRemaining(m -> out.add(routeKey(m, p.getKey()))));
        return out;
    }

    /** The document restricted to {@code routes}. */
    ObjectNode servedDocument(Set<String> routes) {
        ObjectNode doc = document.deepCopy();
        ObjectNode paths = (ObjectNode) doc.path("paths");
        List<String> emptyPaths = new ArrayList<>();
        paths.fields().forEachRemaining(p -> {
            for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext(); ) {
                if (!routes.contains(routeKey(m.next(), p.getKey()))) {
                    m.remove();
                }
            }
            if (p.getValue().isEmpty()) {
                emptyPaths.add(p.getKey());
            }
        });
        paths.remove(emptyPaths);
        return doc;
    }

    /** Registered routes the document does not describe. */
    Set<String> undocumented(Set<String> routes) {
        Set<String> out = new TreeSet<>(routes);
        out.removeAll(documented());
        return out;
    }

    /**
     * "METHOD /path" with every path parameter written {@code {}}: Javalin's {@code {id}} and
     * {@code <path>} and OpenAPI's {@code {id}} all compare equal.
     */
    static String routeKey(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{[^}/]*}|<[^>/]*>", "{}");
    }

    private static ObjectNode load() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the classpath");
            }
            JsonNode doc = JSON.readTree(in);
            if (!doc.path("paths").isObject()) {
                throw new IllegalStateException(RESOURCE + " has no \"paths\" object");
            }
            return (ObjectNode) doc;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }
}
