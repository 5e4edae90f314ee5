package org.ftgan.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ftgan.records.Database;
import org.ftgan.records.RecordsUnavailableException;
import org.ftgan.records.read.ProgressReads;
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
 * One watch of the {@link ChangeFeed} serves every connected client: it reads which experiments
 * changed since its last look as soon as a change is reported ({@link RecordChangeFollower}) and at
 * least once a second, so the cost does not grow with the number of open pages.
 */
final class ExperimentFeed implements ApiRoutes, RecordChangeFollower, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProgressReads reads;
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final ChangeFeed feed;
    private final ChangeFeed.Watch watch;

    ExperimentFeed(Database db) {
        this(db, ChangeFeed.POLL);
    }

    /** @param poll how often it looks without being told of a change */
    ExperimentFeed(Database db, Duration poll) {
        this.reads = new ProgressReads(db);
        this.feed = new ChangeFeed("ftgan-feed-poller", poll);
        this.watch = feed.watch(new Everything(), poll);
    }

    /** A change was committed: look now (after {@link ChangeFeed#WAKE_DELAY}, gathering a burst into one look). */
    @Override
    public void recordsChanged(String experimentId, String runId) {
        if (!clients.isEmpty()) {
            watch.wake();
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
            // the feed's thread sends the opening state too, so that no change can slip in between it and the feed
            feed.execute(() -> {
                try {
                    for (ProgressReads.ExperimentProgress e : reads.active()) {
                        client.sendEvent("experiment", event(e));
                    }
                    clients.add(client);
                } catch (RecordsUnavailableException e) {
                    client.sendComment("records unavailable");
                    client.close();
                }
            });
        }).handle(ctx);
    }

    /** The one watch: what changed of any experiment, to every client. */
    private final class Everything implements ChangeFeed.Watcher {
        @Override
        public ChangeFeed.Look look(ChangeFeed.Window window) {
            if (clients.isEmpty()) {
                window.reset();
                return ChangeFeed.Look.IDLE;
            }
            Instant now = reads.now();
            if (!window.first()) {
                for (ProgressReads.ExperimentProgress e : reads.changedSince(window.from())) {
                    String json = event(e);
                    if (window.news(e.id(), json)) {
                        broadcast("experiment", json);
                    }
                }
            }
            window.lookedAt(now);
            clients.removeIf(SseClient::terminated);
            return ChangeFeed.Look.LOOKED;
        }

        @Override
        public void keepAlive() {
            for (SseClient c : clients) {
                if (!c.terminated()) {
                    c.sendComment("keepalive");
                }
            }
        }

        @Override
        public void unavailable() {
            // PostgreSQL is away for a moment: the look-back of the next successful look catches up
        }

        @Override
        public boolean failed(RuntimeException e) {
            LOG.warn("experiment feed poll failed", e);
            return true;
        }

        @Override
        public void stopped() {
        }
    }

    private void broadcast(String event, String data) {
        for (SseClient c : clients) {
            if (!c.terminated()) {
                c.sendEvent(event, data);
            }
        }
    }

    /** id, status, run_count, runs: the order readers see. */
    private static String event(ProgressReads.ExperimentProgress e) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", e.id());
        out.put("status", e.status().dbName());
        out.put("run_count", e.runCount());
        ObjectNode runs = out.putObject("runs");
        e.runs().forEach((status, n) -> runs.put(status.dbName(), n));
        return out.toString();
    }

    /** Stops looking; the server's own stop closes the connections (closing them after it loops in Javalin). */
    @Override
    public void close() {
        feed.close();
        clients.clear();
    }
}
