package org.ftgan.api.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.ftgan.records.RecordChanges;

/**
 * The API's answers to reads, kept in memory (bounded in bytes) until the records they were read
 * from change: repeated reads of the same page (a dashboard on many screens, a script polling)
 * cost no database work, and a change is never served stale once {@link RecordChanges} has
 * reported it.
 *
 * <p>How staleness is decided: a logical clock ticks at every reported change and remembers, per
 * experiment and per run, the tick of its last change. An answer is stamped with the clock reading taken
 * BEFORE its read started, so whatever was committed and reported by then is in it; it is fresh
 * while no experiment of its {@link Scope} has changed after that tick (for
 * {@link Scope#EVERYTHING}: no change at all; for runs, no change to those runs). While
 * {@link RecordChanges} is not listening, nothing is served or kept.
 *
 * <p>Consistency: a change made by another process (a worker) is served once its notification
 * has arrived, well under a millisecond after its commit on one machine; in that window an older
 * answer can still be served. The API's own writes call {@link #everythingChanged} before they
 * answer, so a client reads its own writes. {@link RecordChanges#awaitCaughtUp} closes the window
 * where a caller needs to.
 */
public final class ReadCache implements RecordChanges.Listener {
    /** The default bound: about 2,000 run details of 30 kB. */
    public static final long DEFAULT_BYTES = 64L << 20;
    /**
     * Runs whose last change is remembered, at most: past that everything counts as changed and
     * the memory starts afresh, so a long-lived API over millions of runs stays small.
     */
    static final int MAX_REMEMBERED_RUNS = 100_000;

    /**
     * When anything last changed (every tick of the maps is at most that), and when each
     * experiment and run last changed since.
     */
    private record Ticks(long everythingAt, Map<String, Long> experiments, Map<String, Long> runs) {
        Ticks(long everythingAt) {
            this(everythingAt, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }
    }

    private final Cache<String, CachedAnswer> answers;
    private final AtomicLong clock = new AtomicLong();
    /** The ticks of the last changes; replaced whole, so a reader sees one consistent set. */
    private volatile Ticks ticks = new Ticks(0);
    /** Reads under way, by key: a request for the same key waits for it instead of reading too. */
    private final Map<String, CompletableFuture<CachedAnswer>> underWay = new ConcurrentHashMap<>();
    private volatile boolean listening;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** @param maxBytes bound on the bodies kept; 0 keeps nothing (every read goes to PostgreSQL) */
    public ReadCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("cache size must be >= 0, not " + maxBytes);
        }
        this.answers = maxBytes == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, CachedAnswer a) -> a.weight(key))
                .build();
    }

    /** True when answers are kept (a size above 0). */
    public boolean enabled() {
        return answers != null;
    }

    /** The kept answer of {@code key} if it is still fresh, else null. */
    public CachedAnswer lookup(String key) {
        CachedAnswer kept = answers == null || !listening ? null : answers.getIfPresent(key);
        if (kept != null && !fresh(kept)) {
            answers.asMap().remove(key, kept);
            kept = null;
        }
        (kept == null ? misses : hits).increment();
        return kept;
    }

    /** Lookups answered from memory since the start. */
    public long hits() {
        return hits.sum();
    }

    /** Lookups that had to read, since the start. */
    public long misses() {
        return misses.sum();
    }

    /**
     * Reads {@code key}'s answer, and keeps it if the cache is on and listening and nothing it was
     * read from changed meanwhile. Concurrent requests for the same key share one read (when a
     * popular page's answer goes stale, the database reads it once, not once per client), as long
     * as nothing it depends on changed since that read began; otherwise they read for themselves.
     */
    public CachedAnswer read(String key, Supplier<Answer> read) {
        if (answers == null || !listening) {
            return readNow(key, read);
        }
        CompletableFuture<CachedAnswer> mine = new CompletableFuture<>();
        CompletableFuture<CachedAnswer> leader = underWay.putIfAbsent(key, mine);
        if (leader != null) {
            CachedAnswer shared = awaitShared(leader);
            return shared != null && fresh(shared) ? shared : readNow(key, read);
        }
        try {
            CachedAnswer answer = readNow(key, read);
            mine.complete(answer);
            return answer;
        } catch (RuntimeException | Error e) {
            mine.complete(null);
            throw e;
        } finally {
            underWay.remove(key, mine);
        }
    }

    private static CachedAnswer awaitShared(CompletableFuture<CachedAnswer> leader) {
        try {
            return leader.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    private CachedAnswer readNow(String key, Supplier<Answer> read) {
        // the stamp is taken before the read: what it reads is at least as new as every change reported by then
        long stamp = listening ? clock.get() : -1;
        Answer answer = read.get();
        CachedAnswer fresh = new CachedAnswer(answer, etag(answer.body()), stamp);
        if (answers != null && stamp >= 0 && fresh(fresh)) {
            answers.put(key, fresh);
        }
        return fresh;
    }

    private boolean fresh(CachedAnswer a) {
        Ticks t = ticks;
        if (!listening || t.everythingAt() > a.stamp()) {
            return false;
        }
        Scope scope = a.answer().scope();
        if (scope.everything()) {
            return clock.get() <= a.stamp();
        }
        for (String experimentId : scope.experimentIds()) {
            if (t.experiments().getOrDefault(experimentId, 0L) > a.stamp()) {
                return false;
            }
        }
        for (String runId : scope.runIds()) {
            if (t.runs().getOrDefault(runId, 0L) > a.stamp()) {
                return false;
            }
        }
        return true;
    }

    /** Number of answers kept now (after pending evictions). */
    public long size() {
        if (answers == null) {
            return 0;
        }
        answers.cleanUp();
        return answers.estimatedSize();
    }

    // The clock's writers are synchronized so that a change's tick is recorded before the clock
    // shows it: a reader that sees tick t also sees every experiment changed at t.

    /** A change to a run is a change to its experiment's lists and tables too; one to the experiment alone leaves its runs' answers be. */
    @Override
    public synchronized void changed(String experimentId, String runId) {
        if (ticks.runs().size() >= MAX_REMEMBERED_RUNS) {
            everythingChanged();
        }
        long t = clock.get() + 1;
        ticks.experiments().put(experimentId, t);
        if (runId != null) {
            ticks.runs().put(runId, t);
        }
        clock.set(t);
    }

    /** Runs whose last change is remembered now. */
    int rememberedRuns() {
        return ticks.runs().size();
    }

    /** Also called by the API after each of its own writes, before it answers. */
    @Override
    public synchronized void everythingChanged() {
        long t = clock.get() + 1;
        // every answer stamped before t is stale now, so the per-experiment and per-run ticks (all < t) can go
        ticks = new Ticks(t);
        clock.set(t);
        if (answers != null) {
            answers.invalidateAll();
        }
    }

    @Override
    public synchronized void listeningAgain() {
        everythingChanged();
        listening = true;
    }

    @Override
    public synchronized void notListening() {
        listening = false;
        if (answers != null) {
            answers.invalidateAll();
        }
    }

    /** A strong entity tag: 128 bits of the body's SHA-256, quoted as HTTP wants. */
    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
