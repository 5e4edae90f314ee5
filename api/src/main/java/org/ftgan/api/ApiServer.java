package org.ftgan.api;

import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.records.RecordsUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on Javalin: every {@link ApiRoutes} group registered on one server, errors as
 * {@link ApiError} JSON. Binds 127.0.0.1 unless told otherwise.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    /** The route groups of the API, in registration order. */
    static List<ApiRoutes> routeGroups(ApiContext context) {
        List<ApiRoutes> groups = new ArrayList<>();
        groups.add(new StatusRoutes(context.records().experiments(), context.records().runs()));
        groups.add(new QueryRoutes(context.records().db()));
        groups.add(new ArtifactRoutes(context.records().store()));
        return groups;
    }

    /** Starts on {@code host:port} (port 0: any free port). */
    public static ApiServer start(ApiContext context, String host, int port) {
        List<ApiRoutes> groups = routeGroups(context);
        Javalin app = Javalin.create(config -> {
            for (ApiRoutes g : groups) {
                g.register(config.routes);
            }
            config.routes.exception(ApiError.class, (e, ctx) -> e.respond(ctx));
            config.routes.exception(RecordsUnavailableException.class, (e, ctx) ->
                    new ApiError(503, "records_unavailable", "PostgreSQL is not answering; try again shortly").respond(ctx));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                new ApiError(500, "internal_error", "the server failed on this request; see its log").respond(ctx);
            });
        });
        app.start(host, port);
        return new ApiServer(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
