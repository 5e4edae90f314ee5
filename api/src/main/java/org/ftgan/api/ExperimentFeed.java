package org.ftgan.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ftgan.records.Database;
import org.ftgan.records.ExperimentStatus;
import org.ftgan.records.RecordsUnavailableException;
import org.ftgan.records.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /api/events: Server-Sent Events of every experiment at once, for pages that show many (the
 * dashboard's list). A browser keeps at most six connections to one server over HTTP/1.1, across
 * its tabs, so a stream per experiment cannot serve a list; this one stream can.
 * <ul>
 *   <li>On connecting: one {@code experiment} event per experiment that has not ended.</li>
 *   <li>Then, whenever an experiment's status or any of its runs changes:
 *       {@code experiment} {@code {id, status, run_count, runs: {status: count}}}.</li>
 * </ul>
 * One poller serves every connected client: it reads which experiments changed since its last look
 * as soon as a change is reported ({@link RecordChangeFollower}) and at least once a second, so
 * the cost does not grow with the number of open pages.
 */
final class ExperimentFeed implements ApiRoutes, RecordChangeFollower, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = ProgressEvents.POLL;
    /** As in {@link ProgressEvents}: updated_at is a transaction's start; look back this far, send only differences. */
    private static final Duration OVERLAP = ProgressEvents.OVERLAP;
    private static final int KEEPALIVE_POLLS = ProgressEvents.KEEPALIVE_POLLS;

    private final Database db;
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    /** What was last sent per experiment (so the look-back overlap sends nothing twice); touched by the poller only. */
    private final Map<String, String> sent = new HashMap<>();
    private Timestamp since;
    private int polls;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ftgan-feed-poller");
        t.setDaemon(true);
        return t;
    });

    ExperimentFeed(Database db) {
        this(db, POLL);
    }

    /** @param poll how often it looks without being told of a change */
    ExperimentFeed(Database db, Duration poll) {
        this.db = db;
        poller.scheduleWithFixedDelay(() -> poll(true), poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A change was committed: look now (after {@link ProgressEvents#WAKE_DELAY}, gathering a burst into one look). */
    @Override
    public void recordsChanged(String experimentId, String runId) {
        if (!clients.isEmpty() && wakePending.compareAndSet(false, true)) {
            try {
                poller.schedule(() -> {
                    wakePending.set(false);
                    poll(false);
                }, ProgressEvents.WAKE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                wakePending.set(false);
            }
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/events", this::open);
    }

    void open(Context ctx) throws Exception {
        ProgressEvents.requireEventStream(ctx);
        new SseHandler(client -> {
            client.keepAlive();
            client.onClose(() -> clients.remove(client));
            // the poller sends the opening state too, so that no change can slip in between it and the feed
            poller.execute(() -> {
                try {
                    for (ObjectNode e : read(c -> activeIds(c)).values()) {
                        client.sendEvent("experiment", e.toString());
                    }
                    clients.add(client);
                } catch (RecordsUnavailableException e) {
                    client.sendComment("records unavailable");
                    client.close();
                }
            });
        }).handle(ctx);
    }

    /** @param timed true for the once-a-second look, which also counts towards the keep-alive */
    private void poll(boolean timed) {
        try {
            if (clients.isEmpty()) {
                since = null;
                sent.clear();
                return;
            }
            Timestamp now = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT now()"); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getTimestamp(1);
                }
            });
            if (since != null) {
                Timestamp from = new Timestamp(since.getTime() - OVERLAP.toMillis());
                for (Map.Entry<String, ObjectNode> e : read(c -> changedIds(c, from)).entrySet()) {
                    String json = e.getValue().toString();
                    if (!json.equals(sent.put(e.getKey(), json))) {
                        broadcast("experiment", json);
                    }
                }
            }
            since = now;
            if (timed && ++polls % KEEPALIVE_POLLS == 0) {
                for (SseClient c : clients) {
                    c.sendComment("keepalive");
                }
            }
            clients.removeIf(SseClient::terminated);
        } catch (RecordsUnavailableException e) {
            // PostgreSQL is away for a moment: the look-back of the next successful poll catches up
        } catch (RuntimeException e) {
            LOG.warn("experiment feed poll failed", e);
        }
    }

    private void broadcast(String event, String data) {
        for (SseClient c : clients) {
            if (!c.terminated()) {
                c.sendEvent(event, data);
            }
        }
    }

    private interface IdQuery {
        List<String> ids(Connection c) throws SQLException;
    }

    /** The experiment events of the ids the query finds, in its order. */
    private Map<String, ObjectNode> read(IdQuery query) {
        return db.inTransaction(c -> {
            List<String> ids = query.ids(c);
            Map<String, ObjectNode> out = new LinkedHashMap<>();
            if (ids.isEmpty()) {
                return out;
            }
            Array array = c.createArrayOf("text", ids.toArray());
            try (PreparedStatement ps = c.prepareStatement("SELECT e.id, e.status, e.run_count, r.status, count(r.id)"
                    + " FROM experiments e LEFT JOIN runs r ON r.experiment_id = e.id"
                    + " WHERE e.id = ANY(?) GROUP BY e.id, e.status, e.run_count, r.status")) {
                ps.setArray(1, array);
                try (ResultSet rs = ps.executeQuery()) {
                    Map<String, ObjectNode> byId = new HashMap<>();
                    while (rs.next()) {
                        ObjectNode e = byId.computeIfAbsent(rs.getString(1), id -> {
                            ObjectNode n = JSON.createObjectNode().put("id", id);
                            ObjectNode counts = n.putObject("runs");
                            for (RunStatus s : RunStatus.values()) {
                                counts.put(s.dbName(), 0);
                            }
                            return n;
                        });
                        e.put("status", rs.getString(2));
                        e.put("run_count", rs.getInt(3));
                        String runStatus = rs.getString(4);
                        if (runStatus != null) {
                            ((ObjectNode) e.get("runs")).put(runStatus, rs.getInt(5));
                        }
                    }
                    for (String id : ids) {
                        if (byId.containsKey(id)) {
                            out.put(id, reorder(byId.get(id)));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** id, status, run_count, runs: the order readers see. */
    private static ObjectNode reorder(ObjectNode e) {
        ObjectNode out = JSON.createObjectNode();
        out.set("id", e.get("id"));
        out.set("status", e.get("status"));
        out.set("run_count", e.get("run_count"));
        out.set("runs", e.get("runs"));
        return out;
    }

    private static List<String> activeIds(Connection c) throws SQLException {
        List<String> terminal = new ArrayList<>();
        for (ExperimentStatus s : ExperimentStatus.values()) {
            if (s.isTerminal()) {
                terminal.add(s.dbName());
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM experiments WHERE NOT (status = ANY(?)) ORDER BY created_at DESC, id")) {
            ps.setArray(1, c.createArrayOf("text", terminal.toArray()));
            return ids(ps);
        }
    }

    private static List<String> changedIds(Connection c, Timestamp from) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM experiments WHERE updated_at > ?"
                + " UNION SELECT DISTINCT experiment_id FROM runs WHERE updated_at > ? ORDER BY 1")) {
            ps.setTimestamp(1, from);
            ps.setTimestamp(2, from);
            return ids(ps);
        }
    }

    private static List<String> ids(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Stops polling; the server's own stop closes the connections (closing them after it loops in Javalin). */
    @Override
    public void close() {
        poller.shutdownNow();
        clients.clear();
    }
}
