package org.ftgan.api.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
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
        cache.experimentChanged("e3");
        assertSame(read, cache.lookup("/a"), "e3 is not in its scope");
        cache.experimentChanged("e2");
        assertNull(cache.lookup("/a"));
    }

    @Test
    void anAnswerAcrossExperimentsIsDroppedByAnyChange() {
        ReadCache cache = listening(1 << 20);
        cache.read("/all", () -> answer("[]", Scope.EVERYTHING));
        assertNotNull(cache.lookup("/all"));
        cache.experimentChanged("anything");
        assertNull(cache.lookup("/all"));
    }

    @Test
    void anAnswerWhoseExperimentChangedWhileItWasReadIsNotKept() {
        ReadCache cache = listening(1 << 20);
        // the change is reported after the read began: the read may or may not include it
        CachedAnswer read = cache.read("/e1", () -> {
            cache.experimentChanged("e1");
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
