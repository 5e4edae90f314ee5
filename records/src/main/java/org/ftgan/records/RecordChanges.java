package org.ftgan.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which experiments' records changed, as PostgreSQL commits the changes: a thread LISTENs on
 * {@link #CHANNEL} over a connection of its own (outside the pool) and tells a {@link Listener}
 * the experiment and run of every notification that migration V4's triggers send. Changes by any
 * process (workers, the API, a psql session) are reported, after their commit only.
 *
 * <p>Reported changes lag their commit by the time the notification takes to arrive (well under a
 * millisecond on one machine); {@link #awaitCaughtUp} waits until every change committed before
 * the call has been reported. While the connection is down, changes are missed: the listener is
 * told so ({@link Listener#notListening}), and told when the thread listens again
 * ({@link Listener#listeningAgain}).
 */
public final class RecordChanges implements AutoCloseable {
    /** The channel migration V4's triggers notify, with "experiment/run", "experiment" or {@link #EVERYTHING}. */
    public static final String CHANNEL = "ftgan_records_changed";
    /** The payload of a TRUNCATE: any experiment may have changed. */
    public static final String EVERYTHING = "*";
    /** The payload prefix of {@link #awaitCaughtUp}'s own notifications (experiment ids are slugs: no colon). */
    private static final String SYNC = "sync:";

    private static final Logger LOG = LoggerFactory.getLogger(RecordChanges.class);
    /** How long one wait for notifications lasts: also how soon {@link #close} is noticed. */
    private static final int POLL_MILLIS = 250;
    private static final long KEEPALIVE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long MAX_RECONNECT_MILLIS = 5000;

    /** What is told about changes. Called on the listening thread, one call at a time: keep it short. */
    public interface Listener {
        /**
         * A change has been committed: to this run (its row, curve, results, events or artifacts) when
         * {@code runId} is not null, else to the experiment's own row or its run-less events or artifacts.
         */
        void changed(String experimentId, String runId);

        /** Anything may have changed (a TRUNCATE): forget everything. */
        void everythingChanged();

        /**
         * LISTEN is in place (first, or again after a gap): every change committed from now on will
         * be reported; what changed before, or during the gap, is unknown.
         */
        void listeningAgain();

        /** The connection is lost: changes may go unreported until {@link #listeningAgain}. */
        void notListening();
    }

    private final Database db;
    private final Listener listener;
    private final Thread thread;
    private final Map<String, CompletableFuture<Void>> syncs = new ConcurrentHashMap<>();
    private volatile boolean listening;
    /** Completed when LISTEN is first in place: until then a caught-up wait waits for it (see awaitCaughtUp). */
    private final CompletableFuture<Void> listenedOnce = new CompletableFuture<>();
    private volatile boolean closed;

    private RecordChanges(Database db, Listener listener) {
        this.db = db;
        this.listener = listener;
        this.thread = new Thread(this::listenUntilClosed, "ftgan-records-changes");
        this.thread.setDaemon(true);
    }

    /** Starts listening; the listener's first call is {@link Listener#listeningAgain} once LISTEN is in place. */
    public static RecordChanges start(Database db, Listener listener) {
        RecordChanges changes = new RecordChanges(db, listener);
        changes.thread.start();
        return changes;
    }

    /** True while notifications arrive: every change committed since the last {@link Listener#listeningAgain} is reported. */
    public boolean listening() {
        return listening;
    }

    /**
     * Waits until every change committed before this call has been reported to the listener (a
     * notification of its own, sent after them, has come back: PostgreSQL delivers notifications
     * in commit order). Just after the start it first waits for LISTEN to be in place (within
     * {@code timeout}); later it returns at once while not listening (the connection is down), since
     * nothing is then relied on.
     *
     * @throws RecordsException if the notification does not come back within {@code timeout}
     */
    public void awaitCaughtUp(Duration timeout) {
        if (!listening && !listenedOnce.isDone()) {
            // just started: the first LISTEN is about to be in place, and it tells the listener that anything
            // may have changed; a caller that went on before it would see that arrive later (a cache emptied
            // between two reads that should have hit). Waited for within the timeout, as a notification is.
            try {
                listenedOnce.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                return; // PostgreSQL does not answer: as when the connection is down, nothing to wait for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RecordsException("interrupted while waiting for the change notifications to start", e);
            } catch (ExecutionException e) {
                throw new RecordsException("waiting for the change notifications to start", e.getCause());
            }
        }
        if (!listening) {
            return;
        }
        String token = SYNC + UUID.randomUUID();
        CompletableFuture<Void> seen = new CompletableFuture<>();
        syncs.put(token, seen);
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                    ps.setString(1, CHANNEL);
                    ps.setString(2, token);
                    ps.execute();
                }
                return null;
            });
            seen.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (listening) {
                throw new RecordsException("no notification came back within " + timeout.toMillis() + " ms", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordsException("interrupted while waiting for the change notifications", e);
        } catch (ExecutionException e) {
            throw new RecordsException("waiting for the change notifications", e.getCause());
        } finally {
            syncs.remove(token);
        }
    }

    private void listenUntilClosed() {
        long backoff = 100;
        boolean failing = false;
        while (!closed) {
            try (Connection c = db.openUnpooled()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                // only now is every later commit sure to be reported; what came before is unknown
                listener.listeningAgain();
                listening = true;
                listenedOnce.complete(null);
                backoff = 100;
                if (failing) {
                    LOG.info("listening for record changes again");
                    failing = false;
                }
                receive(c);
            } catch (SQLException | RuntimeException e) {
                // once per outage: the retries every few seconds would fill the log while PostgreSQL is away
                if (!closed && !failing) {
                    LOG.warn("listening for record changes failed ({}); cached reads are off until it listens again",
                            e.getMessage());
                }
                failing = true;
            } finally {
                if (listening) {
                    listening = false;
                    listener.notListening();
                }
            }
            if (!closed) {
                sleep(backoff);
                backoff = Math.min(MAX_RECONNECT_MILLIS, backoff * 2);
            }
        }
    }

    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime();
        while (!closed) {
            PGNotification[] batch = pg.getNotifications(POLL_MILLIS);
            if (batch != null) {
                for (PGNotification n : batch) {
                    deliver(n.getParameter());
                }
            }
            if (System.nanoTime() - lastCheck > KEEPALIVE_NANOS) {
                // a connection the server dropped silently would otherwise block here forever
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    private void deliver(String payload) {
        if (payload.startsWith(SYNC)) {
            CompletableFuture<Void> seen = syncs.get(payload);
            if (seen != null) {
                seen.complete(null);
            }
        } else if (payload.equals(EVERYTHING)) {
            listener.everythingChanged();
        } else {
            int slash = payload.indexOf('/');
            listener.changed(slash < 0 ? payload : payload.substring(0, slash), slash < 0 ? null : payload.substring(slash + 1));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        // the thread notices within one poll and closes its connection itself (pgjdbc does not
        // like a connection closed under a thread that is reading from it)
        closed = true;
        listenedOnce.complete(null); // nobody waits for a first LISTEN that will not come
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
