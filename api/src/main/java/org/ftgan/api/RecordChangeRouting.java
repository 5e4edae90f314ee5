package org.ftgan.api;

import java.util.List;
import org.ftgan.api.cache.ReadCache;
import org.ftgan.records.RecordChanges;

/** Hands each reported record change to the read cache, then to the event streams. */
final class RecordChangeRouting implements RecordChanges.Listener {
    private final ReadCache cache;
    private final List<RecordChangeFollower> followers;

    RecordChangeRouting(ReadCache cache, List<RecordChangeFollower> followers) {
        this.cache = cache;
        this.followers = List.copyOf(followers);
    }

    @Override
    public void changed(String experimentId, String runId) {
        // the cache first: a stream's client that re-reads on the event must not get the old answer
        cache.changed(experimentId, runId);
        followers.forEach(f -> f.recordsChanged(experimentId, runId));
    }

    @Override
    public void everythingChanged() {
        cache.everythingChanged();
        followers.forEach(f -> f.recordsChanged(null, null));
    }

    @Override
    public void listeningAgain() {
        cache.listeningAgain();
        // what changed while nobody listened is unknown: every stream looks
        followers.forEach(f -> f.recordsChanged(null, null));
    }

    @Override
    public void notListening() {
        cache.notListening();
    }
}
