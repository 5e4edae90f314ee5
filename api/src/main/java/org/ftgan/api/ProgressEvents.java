package org.ftgan.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ftgan.records.Database;
import org.ftgan.records.ExperimentStatus;
import org.ftgan.records.RecordsUnavailableException;
import org.ftgan.records.RunRecords;
import org.ftgan.records.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /api/experiments/{id}/events: Server-Sent Events of an experiment's progress. Each connection
 * reads PostgreSQL for runs changed since its last read, as soon as a change to the experiment is
 * reported ({@link RecordChangeFollower}) and at least once a second whatever is reported, and sends
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
    static final Duration POLL = Duration.ofSeconds(1);
    /** A comment this often lets a dead connection be noticed (the write fails) and keeps proxies from timing out. */
    static final int KEEPALIVE_POLLS = 15;
    /**
     * updated_at is its transaction's start time: a run updated by a transaction that began before
     * the last poll but committed after it carries an older stamp. Each poll looks back this far and
     * sends only what differs from what it sent already.
     */
    static final Duration OVERLAP = Duration.ofSeconds(5);
    /**
     * A reported change polls at once, after this long: a logged step commits several times in a
     * row (curve point, progress, status), and one poll sends them all.
     */
    static final Duration WAKE_DELAY = Duration.ofMillis(50);

    private final Database db;
    private final RunRecords runs;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ftgan-sse-poller");
        t.setDaemon(true);
        return t;
    });

    private final Duration poll;

    ProgressEvents(Database db, RunRecords runs) {
        this(db, runs, POLL);
    }

    /** @param poll how often each stream reads without being told of a change */
    ProgressEvents(Database db, RunRecords runs, Duration poll) {
        this.db = db;
        this.runs = runs;
        this.poll = poll;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/experiments/{id}/events", this::open);
    }

    void open(Context ctx) throws Exception {
        requireEventStream(ctx);
        String id = ctx.pathParam("id");
        if (experimentStatus(id) == null) {
            throw new ApiError(404, "not_found", "no experiment with id '" + id + "'");
        }
        new SseHandler(client -> {
            client.keepAlive();
            Stream stream = new Stream(id, client);
            streams.add(stream);
            stream.future = poller.scheduleWithFixedDelay(() -> stream.poll(true), 0, poll.toMillis(), TimeUnit.MILLISECONDS);
            client.onClose(stream::stop);
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

    /** Streams of the changed experiment (every stream when anything may have changed) poll now, not at their next tick. */
    @Override
    public void recordsChanged(String experimentId, String runId) {
        for (Stream s : streams) {
            if (experimentId == null || s.experimentId.equals(experimentId)) {
                s.wake();
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    /** The experiment's status, or null if there is no such experiment. */
    private String experimentStatus(String id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM experiments WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** One connected client and what it has been sent. */
    private final class Stream {
        final String experimentId;
        final SseClient client;
        volatile ScheduledFuture<?> future;
        final Map<String, String> sentRuns = new HashMap<>();
        String sentStatus;
        Timestamp since;
        int polls;
        final AtomicBoolean wakePending = new AtomicBoolean();

        Stream(String experimentId, SseClient client) {
            this.experimentId = experimentId;
            this.client = client;
        }

        /** An extra poll soon, unless one is pending already (one poll sends every change since the last). */
        void wake() {
            if (wakePending.compareAndSet(false, true)) {
                try {
                    poller.schedule(() -> {
                        wakePending.set(false);
                        poll(false);
                    }, WAKE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    // shutting down
                }
            }
        }

        /** @param timed true for the once-a-second poll, which also counts towards the keep-alive */
        void poll(boolean timed) {
            if (client.terminated()) {
                stop();
                return;
            }
            try {
                pollOnce(timed);
            } catch (RecordsUnavailableException e) {
                // PostgreSQL is away for a moment: the next poll catches up (the overlap covers the gap)
                client.sendComment("records unavailable, retrying");
            } catch (RuntimeException e) {
                LOG.warn("event stream of {} failed; closing it", experimentId, e);
                stop();
            }
        }

        private void pollOnce(boolean timed) {
            Snapshot snap = snapshot();
            if (snap.status == null) {
                client.sendEvent("end", "{\"id\":" + JSON.valueToTree(experimentId) + ",\"status\":\"deleted\"}");
                stop();
                return;
            }
            boolean changed = since == null || !snap.status.equals(sentStatus);
            for (ObjectNode run : snap.changedRuns) {
                String key = run.toString();
                if (!key.equals(sentRuns.put(run.get("id").asText(), key))) {
                    client.sendEvent("run", key);
                    changed = true;
                }
            }
            since = snap.now;
            if (changed) {
                sentStatus = snap.status;
                client.sendEvent("experiment", experimentEvent(snap.status).toString());
            }
            if (ExperimentStatus.fromDb(snap.status).isTerminal()) {
                ObjectNode end = JSON.createObjectNode().put("id", experimentId).put("status", snap.status);
                client.sendEvent("end", end.toString());
                stop();
                return;
            }
            if (timed && ++polls % KEEPALIVE_POLLS == 0) {
                client.sendComment("keepalive");
            }
        }

        private ObjectNode experimentEvent(String status) {
            ObjectNode out = JSON.createObjectNode();
            out.put("id", experimentId);
            out.put("status", status);
            ObjectNode counts = out.putObject("runs");
            for (Map.Entry<RunStatus, Integer> c : runs.countByStatus(experimentId).entrySet()) {
                counts.put(c.getKey().dbName(), c.getValue());
            }
            return out;
        }

        /** The experiment's status and, after the first poll, its runs updated since the last one. */
        private Snapshot snapshot() {
            return db.inTransaction(c -> {
                Snapshot s = new Snapshot();
                try (PreparedStatement ps = c.prepareStatement("SELECT status, now() FROM experiments WHERE id = ?")) {
                    ps.setString(1, experimentId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return s;
                        }
                        s.status = rs.getString(1);
                        s.now = rs.getTimestamp(2);
                    }
                }
                if (since == null) {
                    return s;
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT id, run_index, status, attempt, last_step,"
                        + " total_steps, failure_reason FROM runs WHERE experiment_id = ? AND updated_at > ?"
                        + " ORDER BY updated_at, id")) {
                    ps.setString(1, experimentId);
                    ps.setTimestamp(2, new Timestamp(since.getTime() - OVERLAP.toMillis()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ObjectNode run = JSON.createObjectNode();
                            run.put("id", rs.getString(1));
                            run.put("run_index", rs.getInt(2));
                            run.put("status", rs.getString(3));
                            run.put("attempt", rs.getInt(4));
                            long step = rs.getLong(5);
                            run.put("last_step", rs.wasNull() ? null : step);
                            long total = rs.getLong(6);
                            run.put("total_steps", rs.wasNull() ? null : total);
                            run.put("failure_reason", rs.getString(7));
                            s.changedRuns.add(run);
                        }
                    }
                }
                return s;
            });
        }

        void stop() {
            streams.remove(this);
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            client.close();
        }
    }

    /** What one poll read. */
    private static final class Snapshot {
        String status;
        Timestamp now;
        final List<ObjectNode> changedRuns = new ArrayList<>();
    }
}
