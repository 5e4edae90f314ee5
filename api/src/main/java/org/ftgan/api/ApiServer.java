package org.ftgan.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.util.MethodNotAllowedUtil;
import io.temporal.client.WorkflowServiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.ftgan.api.cache.ReadCache;
import org.ftgan.definition.InvalidDefinitionException;
import org.ftgan.records.ApiTokenRecords;
import org.ftgan.records.RecordChanges;
import org.ftgan.records.RecordsOverloadedException;
import org.ftgan.records.RecordsUnavailableException;
import org.ftgan.records.read.InvalidQueryException;
import org.ftgan.records.read.NotFoundException;
import org.ftgan.records.read.RunModelFiles;
import org.ftgan.infer.InferenceModels;
import org.ftgan.workflows.ActionRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on Javalin: every {@link ApiRoutes} group registered on one server behind the
 * {@link AccessGuard} (tokens, body limit), errors as {@link ApiError} JSON, and the web dashboard
 * at {@code /} ({@link DashboardFiles}). Binds 127.0.0.1 unless told otherwise.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final Set<HandlerType> HTTP_METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);

    /** Jetty threads beside one per database connection and one per core for its selectors (see {@link #threadPool}). */
    private static final int EXTRA_THREADS = 12;

    private final Javalin app;
    private final List<ApiRoutes> groups;
    private final ReadCache cache;
    private final RecordChanges changes;

    private ApiServer(Javalin app, List<ApiRoutes> groups, ReadCache cache, RecordChanges changes) {
        this.app = app;
        this.groups = groups;
        this.cache = cache;
        this.changes = changes;
    }

    /** The route groups of the API, in registration order. */
    static List<ApiRoutes> routeGroups(ApiContext context, CachedReads reads) {
        List<ApiRoutes> groups = new ArrayList<>();
        groups.add(new StatusRoutes(context.records().experiments(), context.records().runs(), reads));
        groups.add(new QueryRoutes(context.records().db(), reads));
        groups.add(new ArtifactRoutes(context.records().store()));
        groups.add(new ReadinessRoutes(context.records().experiments(), context.submitter()));
        groups.add(new SubmissionRoutes(context.records(), context.submitter()));
        groups.add(new ProgressEvents(context.records().db(), context.records().runs()));
        groups.add(new ExperimentFeed(context.records().db()));
        groups.add(new ResultsTableRoutes(context.records().db(), reads));
        groups.add(new SweepRungsRoutes(context.records().db(), reads));
        groups.add(new PaperTablesRoutes(context.records().db(), reads));
        groups.add(new InferenceRoutes(new RunModelFiles(context.records().db()), context.records().store(),
                new InferenceModels(context.inferenceCacheBytes()), new MeshUploads(MeshUploads.DEFAULT_BYTES)));
        return groups;
    }

    /** Starts on {@code host:port} (port 0: any free port). */
    public static ApiServer start(ApiContext context, String host, int port) {
        ReadCache cache = new ReadCache(context.readCacheBytes());
        List<ApiRoutes> groups = routeGroups(context, new CachedReads(cache));
        List<RecordChangeFollower> followers = groups.stream().filter(RecordChangeFollower.class::isInstance)
                .map(RecordChangeFollower.class::cast).toList();
        RecordChanges changes = RecordChanges.start(context.records().db(), new RecordChangeRouting(cache, followers));
        AtomicReference<Javalin> started = new AtomicReference<>();
        groups.add(new OpenApiRoutes(() -> routeKeys(started.get())));
        AccessGuard guard = new AccessGuard(new ApiTokenRecords(context.records().db()), context.readsNeedToken());
        Optional<Path> webDir = DashboardFiles.webDirFromEnvironment();
        int poolSize = context.records().db().poolSettings().size();
        Javalin app = Javalin.create(config -> {
            config.jetty.threadPool = threadPool(poolSize);
            // a method a path does not have is 405 with Allow, as the OpenAPI document says
            config.http.prefer405over404 = true;
            JsonErrorHandler jettyErrors = new JsonErrorHandler();
            config.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
            config.jetty.modifyServletContextHandler(servlets -> servlets.setErrorHandler(jettyErrors));
            DashboardFiles.register(config, webDir);
            guard.register(config.routes);
            QueryStringCheck.register(config.routes);
            // the API's own writes are read back at once: kept answers are dropped before the write answers
            config.routes.after(ctx -> {
                // inference POSTs change no record: what is kept stays
                if (AccessGuard.isWrite(ctx) && !InferenceRoutes.isInference(ctx)) {
                    cache.everythingChanged();
                }
            });
            for (ApiRoutes g : groups) {
                g.register(config.routes);
            }
            config.routes.exception(ApiError.class, (e, ctx) -> e.respond(ctx));
            config.routes.exception(InvalidQueryException.class, (e, ctx) -> ApiError.invalidParameter(e).respond(ctx));
            config.routes.exception(NotFoundException.class, (e, ctx) -> ApiError.notFound(e).respond(ctx));
            config.routes.exception(InvalidDefinitionException.class, (e, ctx) ->
                    new ApiError(400, "invalid_definition", e.report().lines()).respond(ctx));
            config.routes.exception(ActionRefusedException.class, (e, ctx) -> (switch (e.reason()) {
                case NOT_FOUND -> new ApiError(404, "not_found", e.getMessage());
                case CONFLICT -> new ApiError(409, "conflict", e.getMessage());
            }).respond(ctx));
            // Javalin picks the handler of the most specific class: overloaded before merely unavailable
            config.routes.exception(RecordsOverloadedException.class, (e, ctx) -> {
                ctx.header("Retry-After", "1");
                new ApiError(503, "overloaded", "the server has more requests than database connections ("
                        + poolSize + "); retry after a second").respond(ctx);
            });
            config.routes.exception(RecordsUnavailableException.class, (e, ctx) ->
                    new ApiError(503, "records_unavailable", "PostgreSQL is not answering; try again shortly").respond(ctx));
            config.routes.exception(WorkflowServiceException.class, (e, ctx) -> temporalFailure(e, ctx));
            config.routes.exception(StatusRuntimeException.class, (e, ctx) -> temporalFailure(e, ctx));
            // Javalin's own refusals (no such route, wrong method) in the same error format
            config.routes.exception(HttpResponseException.class, (e, ctx) -> {
                int status = e.getStatus();
                String message = e.getMessage();
                if (status == 404 || status == 405) {
                    // GET falls through to the dashboard's files before Javalin could say 405: decide here
                    List<HandlerType> allowed = MethodNotAllowedUtil.INSTANCE.findAvailableHttpHandlerTypes(
                            started.get().unsafe.internalRouter, ctx.path());
                    if (!allowed.isEmpty() && !allowed.contains(ctx.method())) {
                        status = 405;
                        message = ctx.method().name() + " is not a method of " + ctx.path() + "; it has "
                                + allowed.stream().map(HandlerType::name).toList();
                        ctx.header("Allow", String.join(", ", allowed.stream().map(HandlerType::name).toList()));
                    }
                }
                new ApiError(status, status == 400 ? "invalid_parameter" : JsonErrorHandler.code(status), message).respond(ctx);
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                new ApiError(500, "internal_error", "the server failed on this request; see its log").respond(ctx);
            });
        });
        started.set(app);
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            closeGroups(groups);
            changes.close();
            throw e;
        }
        return new ApiServer(app, groups, cache, changes);
    }

    /**
     * Request threads beyond the database connections would only wait for one; a few more serve
     * requests that need none (health, artifacts, the dashboard) and Jetty's own acceptor and
     * selectors. Server-sent event streams hold no thread between events.
     */
    private static QueuedThreadPool threadPool(int poolSize) {
        int max = poolSize + EXTRA_THREADS + Runtime.getRuntime().availableProcessors();
        QueuedThreadPool threads = new QueuedThreadPool(max, Math.min(8, max));
        threads.setName("JettyServerThreadPool");
        return threads;
    }

    /** Temporal away (or too slow) is 503 and can be retried; anything else it says is a server fault. */
    private static void temporalFailure(Exception e, Context ctx) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException s && (s.getStatus().getCode() == Status.Code.UNAVAILABLE
                    || s.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED)) {
                new ApiError(503, "temporal_unavailable", "Temporal is not answering; try again shortly"
                        + " (a submission can be repeated safely)").respond(ctx);
                return;
            }
        }
        LOG.error("Temporal refused {} {}", ctx.method(), ctx.path(), e);
        new ApiError(500, "internal_error", "Temporal refused the request; see the server's log").respond(ctx);
    }

    public int port() {
        return app.port();
    }

    /** Every HTTP route the server answers, as "METHOD /path/{}" keys (path parameters written {}). */
    public Set<String> registeredRoutes() {
        return routeKeys(app);
    }

    private static Set<String> routeKeys(Javalin app) {
        Set<String> out = new TreeSet<>();
        app.unsafe.internalRouter.allHttpHandlers().forEach(e -> {
            if (HTTP_METHODS.contains(e.endpoint.method)) {
                out.add(OpenApiRoutes.routeKey(e.endpoint.method.name(), e.endpoint.path));
            }
        });
        return out;
    }

    /**
     * Waits until every change committed to the records before this call is reflected in what the
     * API answers (kept answers of what changed dropped). For writers that read their writes back
     * through the API at once without going through it (tests that seed the records directly).
     */
    public void awaitRecordChanges() {
        changes.awaitCaughtUp(Duration.ofSeconds(10));
    }

    /** The answers kept in memory now. */
    public long cachedAnswers() {
        return cache.size();
    }

    /** The read cache's lookups so far: {hits, misses}. */
    public long[] readCacheLookups() {
        return new long[] {cache.hits(), cache.misses()};
    }

    @Override
    public void close() {
        app.stop();
        closeGroups(groups);
        changes.close();
    }

    private static void closeGroups(List<ApiRoutes> groups) {
        for (ApiRoutes g : groups) {
            if (g instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("closing {}", g.getClass().getSimpleName(), e);
                }
            }
        }
    }
}
