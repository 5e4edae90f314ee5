package org.ftgan.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.records.Database;
import org.ftgan.records.RunRecords;
import org.ftgan.records.read.ProgressReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /api/experiments/{id}/events: Server-Sent Events of an experiment's progress. Each connection
 * is a watch of the {@link ChangeFeed}: it reads PostgreSQL for runs changed since its last read, as
 * soon as a change to the experiment is reported ({@link RecordChangeFollower}) and at least once a
 * second whatever is reported, and sends
 * <ul>
 *   <li>{@code experiment}: {@code {id, status, runs: {status: count}}} on connecting and after any change,</li>
 *   <li>{@code run}: {@code {id, run_index, status, attempt, last_step, total_steps, failure_reason}} per changed run,</li>
 *   <li>{@code end}: once the experiment has ended; the stream then closes.</li>
 * </ul>
 * Only changes after the connection are sent per run; the first {@code experiment} event carries the counts.
 */
final class ProgressEvents implements ApiRoutes, RecordChangeFollower, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressEvents.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProgressReads reads;
    private final RunRecords runs;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ChangeFeed feed;

    ProgressEvents(Database db, RunRecords runs) {
        this(db, runs, ChangeFeed.POLL);
    }

    /** @param poll how often each stream reads without being told of a change */
    ProgressEvents(Database db, RunRecords runs, Duration poll) {
        this.reads = new ProgressReads(db);
        this.runs = runs;
        this.feed = new ChangeFeed("ftgan-sse-poller", poll);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/experiments/{id}/events", this::open);
    }

    void open(Context ctx) throws Exception {
        requireEventStream(ctx);
        String id = ctx.pathParam("id");
        if (reads.experimentStatus(id) == null) {
            throw new ApiError(404, "not_found", "no experiment with id '" + id + "'");
        }
        new SseHandler(client -> {
            client.keepAlive();
            Stream stream = new Stream(id, client);
            streams.add(stream);
            stream.watch = feed.watch(stream, Duration.ZERO);
            client.onClose(stream.watch::stop);
        }).handle(ctx);
    }

    /** Both event routes answer only clients that ask for an event stream. */
    static void requireEventStream(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ApiError(400, "invalid_parameter", "header Accept: this is a Server-Sent Events stream;"
                    + " send 'Accept: text/event-stream'");
        }
    }

    /** Streams of the changed experiment (every stream when anything may have changed) look now, not at their next tick. */
    @Override
    public void recordsChanged(String experimentId, String runId) {
        for (Stream s : streams) {
            ChangeFeed.Watch w = s.watch;
            if (w != null && (experimentId == null || s.experimentId.equals(experimentId))) {
                w.wake();
            }
        }
    }

    @Override
    public void close() {
        feed.close();
    }

    /** One connected client and what it has been sent. */
    private final class Stream implements ChangeFeed.Watcher {
        final String experimentId;
        final SseClient client;
        volatile ChangeFeed.Watch watch;
        ExperimentStatus sentStatus;

        Stream(String experimentId, SseClient client) {
            this.experimentId = experimentId;
            this.client = client;
        }

        @Override
        public ChangeFeed.Look look(ChangeFeed.Window window) {
            if (client.terminated()) {
                return ChangeFeed.Look.END;
            }
            // the experiment's status and, after the first look, its runs updated since the last one
            ProgressReads.ExperimentLook snap = reads.experiment(experimentId, window.from());
            if (snap.status() == null) {
                client.sendEvent("end", "{\"id\":" + JSON.valueToTree(experimentId) + ",\"status\":\"deleted\"}");
                return ChangeFeed.Look.END;
            }
            boolean changed = window.first() || snap.status() != sentStatus;
            for (ProgressReads.RunProgress run : snap.changedRuns()) {
                String json = runEvent(run).toString();
                if (window.news(run.id(), json)) {
                    client.sendEvent("run", json);
                    changed = true;
                }
            }
            window.lookedAt(snap.now());
            if (changed) {
                sentStatus = snap.status();
                client.sendEvent("experiment", experimentEvent(snap.status()).toString());
            }
            if (snap.status().isTerminal()) {
                ObjectNode end = JSON.createObjectNode().put("id", experimentId).put("status", snap.status().dbName());
                client.sendEvent("end", end.toString());
                return ChangeFeed.Look.END;
            }
            return ChangeFeed.Look.LOOKED;
        }

        @Override
        public void keepAlive() {
            client.sendComment("keepalive");
        }

        @Override
        public void unavailable() {
            // PostgreSQL is away for a moment: the next look catches up (the overlap covers the gap)
            client.sendComment("records unavailable, retrying");
        }

        @Override
        public boolean failed(RuntimeException e) {
            LOG.warn("event stream of {} failed; closing it", experimentId, e);
            return false;
        }

        @Override
        public void stopped() {
            streams.remove(this);
            client.close();
        }

        private ObjectNode experimentEvent(ExperimentStatus status) {
            ObjectNode out = JSON.createObjectNode();
            out.put("id", experimentId);
            out.put("status", status.dbName());
            ObjectNode counts = out.putObject("runs");
            for (Map.Entry<RunStatus, Integer> c : runs.countByStatus(experimentId).entrySet()) {
                counts.put(c.getKey().dbName(), c.getValue());
            }
            return out;
        }
    }

    private static ObjectNode runEvent(ProgressReads.RunProgress r) {
        ObjectNode run = JSON.createObjectNode();
        run.put("id", r.id());
        run.put("run_index", r.runIndex());
        run.put("status", r.status().dbName());
        run.put("attempt", r.attempt());
        run.put("last_step", r.lastStep());
        run.put("total_steps", r.totalSteps());
        run.put("failure_reason", r.failureReason());
        return run;
    }
}
