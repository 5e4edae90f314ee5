package org.ftgan.api.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** When a kept answer may be served: the clock rules of {@link ReadCache}, changes reported by hand. */
class ReadCacheTest {
    private static ReadCache listening(long bytes) {
        ReadCache cache = new ReadCache(bytes);
        cache.listeningAgain();
        return cache;
    }

    private static Answer answer(String body, Scope scope) {
        return Answer.json(body, scope);
    }

    @Test
    void aKeptAnswerIsServedUntilAnExperimentOfItsScopeChanges() {
        ReadCache cache = listening(1 << 20);
        CachedAnswer read = cache.read("/a", () -> answer("{\"a\":1}", Scope.experiments(List.of("e1", "e2"))));
        assertSame(read, cache.lookup("/a"));
        cache.changed("e3", null);
        assertSame(read, cache.lookup("/a"), "e3 is not in its scope");
        cache.changed("e2", null);
        assertNull(cache.lookup("/a"));
    }

    @Test
    void anAnswerOfRunsIsDroppedByAChangeToOneOfThemOnlyAndAnExperimentAnswerByAChangeToAnyOfItsRuns() {
        ReadCache cache = listening(1 << 20);
        cache.read("/run", () -> answer("{}", Scope.runs(List.of("e1-r0", "e2-r0"))));
        cache.read("/e1", () -> answer("{}", Scope.experiment("e1")));
        cache.changed("e1", "e1-r1");
        assertNotNull(cache.lookup("/run"), "another run of e1");
        assertNull(cache.lookup("/e1"), "a run of e1 changed: e1's lists and tables");
        cache.changed("e2", null);
        assertNotNull(cache.lookup("/run"), "e2's own row, not its runs");
        cache.changed("e2", "e2-r0");
        assertNull(cache.lookup("/run"));
    }

    /** A read of e1 whose FIRST call blocks until released; every call's body names its number. */
    private static final class FirstReadBlocks implements Supplier<Answer> {
        final CountDownLatch firstReading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Answer get() {
            int n = calls.incrementAndGet();
            if (n == 1) {
                firstReading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return answer("{\"n\":" + n + "}", Scope.experiment("e1"));
        }
    }

    @Test
    void concurrentReadsOfOneKeyShareOneReadUnlessItsScopeChangedMeanwhile() throws Exception {
        ReadCache cache = listening(1 << 20);
        FirstReadBlocks read = new FirstReadBlocks();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<CachedAnswer> leader = pool.submit(() -> cache.read("/k", read));
            read.firstReading.await();
            List<Future<CachedAnswer>> followers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                followers.add(pool.submit(() -> cache.read("/k", read)));
            }
            Thread.sleep(200);
            read.release.countDown();
            CachedAnswer first = leader.get();
            for (Future<CachedAnswer> f : followers) {
                assertSame(first, f.get(), "shared the leader's read");
            }
            assertEquals(1, read.calls.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReadSharedAcrossAChangeIsReadAgainByThoseWhoWaited() throws Exception {
        ReadCache cache = listening(1 << 20);
        FirstReadBlocks read = new FirstReadBlocks();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<CachedAnswer> leader = pool.submit(() -> cache.read("/k", read));
            read.firstReading.await();
            Future<CachedAnswer> follower = pool.submit(() -> cache.read("/k", read));
            Thread.sleep(200);
            cache.changed("e1", "e1-r0");
            read.release.countDown();
            assertEquals("{\"n\":1}", new String(leader.get().answer().body(), StandardCharsets.UTF_8));
            assertEquals("{\"n\":2}", new String(follower.get().answer().body(), StandardCharsets.UTF_8),
                    "read again after the change");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pastTheRememberedRunsEverythingCountsAsChangedAndTheMemoryStartsAfresh() {
        ReadCache cache = listening(1 << 20);
        cache.read("/a", () -> answer("{}", Scope.runs(List.of("other"))));
        for (int i = 0; i < ReadCache.MAX_REMEMBERED_RUNS; i++) {
            cache.changed("e1", "r" + i);
        }
        assertNotNull(cache.lookup("/a"), "none of those was its run");
        assertEquals(ReadCache.MAX_REMEMBERED_RUNS, cache.rememberedRuns());
        cache.changed("e1", "one-more");
        assertEquals(1, cache.rememberedRuns());
        assertNull(cache.lookup("/a"), "what is forgotten counts as changed");
        cache.read("/a", () -> answer("{}", Scope.runs(List.of("other"))));
        assertNotNull(cache.lookup("/a"));
    }

    @Test
    void anAnswerAcrossExperimentsIsDroppedByAnyChange() {
        ReadCache cache = listening(1 << 20);
        cache.read("/all", () -> answer("[]", Scope.EVERYTHING));
        assertNotNull(cache.lookup("/all"));
        cache.changed("anything", null);
        assertNull(cache.lookup("/all"));
    }

    @Test
    void anAnswerWhoseExperimentChangedWhileItWasReadIsNotKept() {
        ReadCache cache = listening(1 << 20);
        // the change is reported after the read began: the read may or may not include it
        CachedAnswer read = cache.read("/e1", () -> {
            cache.changed("e1", "e1-r0");
            return answer("{}", Scope.experiment("e1"));
        });
        assertNotNull(read.etag());
        assertNull(cache.lookup("/e1"));
        cache.read("/e1", () -> answer("{}", Scope.experiment("e1")));
        assertNotNull(cache.lookup("/e1"), "a read after the change is kept");
    }

    @Test
    void nothingIsServedOrKeptWhileNotListeningAndAGapForgetsEverything() {
        ReadCache cache = new ReadCache(1 << 20);
        cache.read("/x", () -> answer("{}", Scope.experiment("e1")));
        assertNull(cache.lookup("/x"), "not listening yet");
        cache.listeningAgain();
        cache.read("/x", () -> answer("{}", Scope.experiment("e1")));
        assertNotNull(cache.lookup("/x"));
        cache.notListening();
        assertNull(cache.lookup("/x"));
        cache.listeningAgain();
        assertNull(cache.lookup("/x"), "changes during the gap are unknown");
        assertEquals(0, cache.size());
    }

    @Test
    void anAnswerReadBeforeAGapIsNotKeptAfterIt() {
        ReadCache cache = listening(1 << 20);
        cache.read("/x", () -> {
            cache.notListening();
            cache.listeningAgain();
            return answer("{}", Scope.experiment("e1"));
        });
        assertNull(cache.lookup("/x"));
    }

    @Test
    void theSizeBoundEvictsAndASizeOfZeroKeepsNothing() {
        ReadCache small = listening(64 * 1024);
        String body = "x".repeat(10_000);
        for (int i = 0; i < 50; i++) {
            int n = i;
            small.read("/r" + n, () -> answer(body, Scope.experiment("e" + n)));
        }
        long kept = small.size();
        assertEquals(true, kept >= 1 && kept <= 6, "about 64 kB of 10 kB answers, kept: " + kept);

        ReadCache off = listening(0);
        off.read("/x", () -> answer("{}", Scope.experiment("e1")));
        assertNull(off.lookup("/x"));
        assertEquals(false, off.enabled());
    }

    @Test
    void equalBodiesHaveEqualTagsAndDifferentBodiesDifferentOnes() {
        assertEquals(ReadCache.etag("{\"a\":1}".getBytes()), ReadCache.etag("{\"a\":1}".getBytes()));
        assertEquals(false, ReadCache.etag("{\"a\":1}".getBytes()).equals(ReadCache.etag("{\"a\":2}".getBytes())));
        assertEquals('"', ReadCache.etag(new byte[0]).charAt(0));
    }
}
