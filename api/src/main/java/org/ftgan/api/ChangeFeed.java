package org.ftgan.api;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ftgan.records.RecordsUnavailableException;

/**
 * The engine behind both event routes ({@link ProgressEvents}, {@link ExperimentFeed}): it looks at
 * the records on a timer and, soon after a change is reported ({@link RecordChangeFollower}), at
 * once; it remembers where the last look stood and what was sent, so that a look reads only what
 * changed since (with an overlap) and sends only what differs; and it sends a keep-alive every few
 * timed looks. Every look of a feed runs on its one thread, so what a {@link Watcher} keeps needs no
 * locking.
 */
final class ChangeFeed implements AutoCloseable {
    /** How often a watch looks without being told of a change. */
    static final Duration POLL = Duration.ofSeconds(1);
    /** A comment this often lets a dead connection be noticed (the write fails) and keeps proxies from timing out. */
    static final int KEEPALIVE_POLLS = 15;
    /**
     * updated_at is its transaction's start time: a row updated by a transaction that began before
     * the last look but committed after it carries an older stamp. Each look reads back this far and
     * sends only what differs from what it sent already.
     */
    static final Duration OVERLAP = Duration.ofSeconds(5);
    /**
     * A reported change looks at once, after this long: a logged step commits several times in a
     * row (curve point, progress, status), and one look sends them all.
     */
    static final Duration WAKE_DELAY = Duration.ofMillis(50);

    private final ScheduledExecutorService poller;
    private final Duration poll;

    /**
     * @param threadName the name of the feed's thread
     * @param poll       how often each watch looks without being told of a change
     */
    ChangeFeed(String threadName, Duration poll) {
        this.poll = poll;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** What a look did. */
    enum Look {
        /** It looked; a timed look counts towards the keep-alive. */
        LOOKED,
        /** Nobody was listening; it does not count towards the keep-alive. */
        IDLE,
        /** The watch is over: it stops. */
        END
    }

    /** What a watch does at each look; called on the feed's thread only. */
    interface Watcher {
        /** Reads what changed since {@link Window#from()} and sends what is news. */
        Look look(Window window);

        /** Every {@link #KEEPALIVE_POLLS} timed looks. */
        void keepAlive();

        /** PostgreSQL did not answer: the next successful look catches up (the overlap covers the gap). */
        void unavailable();

        /** @return true to keep watching after any other failure of a look */
        boolean failed(RuntimeException e);

        /** The watch stopped (its look ended it, it failed, or {@link Watch#stop()}). */
        void stopped();
    }

    /**
     * Where the last look stood and what was sent. A look reads from {@link #from()}, then says
     * where it stood ({@link #lookedAt}); {@link #news} tells whether a value differs from what was
     * last sent under its key.
     */
    static final class Window {
        private Instant since;
        private final Map<String, String> sent = new HashMap<>();

        /** True before the first look (or after {@link #reset}): there is nothing to read changes from. */
        boolean first() {
            return since == null;
        }

        /** Changes are read from here: {@link #OVERLAP} before the last look; null before the first. */
        Instant from() {
            return since == null ? null : since.minus(OVERLAP);
        }

        /** @param now the database's clock at this look */
        void lookedAt(Instant now) {
            since = now;
        }

        /** True (and remembered as sent) if {@code value} is not what was last sent under {@code key}. */
        boolean news(String key, String value) {
            return !value.equals(sent.put(key, value));
        }

        /** Forgets where it stood and what was sent. */
        void reset() {
            since = null;
            sent.clear();
        }
    }

    /**
     * Starts a watch: timed looks every {@code poll}, the first after {@code firstDelay}.
     */
    Watch watch(Watcher watcher, Duration firstDelay) {
        Watch w = new Watch(watcher);
        w.timer = poller.scheduleWithFixedDelay(() -> w.look(true), firstDelay.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        if (w.stopped.get()) {
            w.timer.cancel(false); // its first look ended it before the timer was known
        }
        return w;
    }

    /** Runs {@code work} on the feed's thread, between looks. */
    void execute(Runnable work) {
        poller.execute(work);
    }

    /** Stops every watch's looks. */
    @Override
    public void close() {
        poller.shutdownNow();
    }

    /** One watch: its timer, its window and its pending wake-up. */
    final class Watch {
        private final Watcher watcher;
        private final Window window = new Window();
        private final AtomicBoolean wakePending = new AtomicBoolean();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private volatile ScheduledFuture<?> timer;
        private int looks;

        private Watch(Watcher watcher) {
            this.watcher = watcher;
        }

        /** An extra look soon, unless one is pending already (one look sends every change since the last). */
        void wake() {
            if (wakePending.compareAndSet(false, true)) {
                try {
                    poller.schedule(() -> {
                        wakePending.set(false);
                        look(false);
                    }, WAKE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    // shutting down
                    wakePending.set(false);
                }
            }
        }

        /** @param timed true for the timed look, which also counts towards the keep-alive */
        private void look(boolean timed) {
            if (stopped.get()) {
                return;
            }
            try {
                Look result = watcher.look(window);
                if (result == Look.END) {
                    stop();
                } else if (result == Look.LOOKED && timed && ++looks % KEEPALIVE_POLLS == 0) {
                    watcher.keepAlive();
                }
            } catch (RecordsUnavailableException e) {
                watcher.unavailable();
            } catch (RuntimeException e) {
                if (!watcher.failed(e)) {
                    stop();
                }
            }
        }

        /** No more looks; the watcher is told once. */
        void stop() {
            if (stopped.compareAndSet(false, true)) {
                ScheduledFuture<?> f = timer;
                if (f != null) {
                    f.cancel(false);
                }
                watcher.stopped();
            }
        }
    }
}
