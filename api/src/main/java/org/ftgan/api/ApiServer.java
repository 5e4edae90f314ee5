package org.ftgan.api;

import io.javalin.Javalin;
import org.ftgan.records.RecordsUnavailableException;
import org.ftgan.worker.PlatformRecords;

/**
 * The HTTP API on Javalin. For now its status endpoints ({@code /api/health}, {@code /api/status});
 * the full API (submission, queries, comparisons) is the next issue's. Binds 127.0.0.1 unless told
 * otherwise.
 */
public final class ApiServer implements AutoCloseable {
    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    /** Starts on {@code host:port} (port 0: any free port). */
    public static ApiServer start(PlatformRecords records, String host, int port) {
        StatusRoutes status = new StatusRoutes(records.experiments(), records.runs());
        Javalin app = Javalin.create(config -> {
            config.routes.get("/api/health", status::health);
            config.routes.get("/api/status", status::status);
            config.routes.exception(RecordsUnavailableException.class, (e, ctx) -> ctx.status(503)
                    .contentType("application/json")
                    .result("{\"error\":\"records_unavailable\",\"details\":[\"PostgreSQL is not answering\"]}"));
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
