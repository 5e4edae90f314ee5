package org.ftgan.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ftgan.train.Checkpoint;

/**
 * Loaded models, least recently used first out, bounded by their {@link InferenceModel#approximateBytes()}
 * (one model is always kept, however large). A model is keyed by its checkpoint directory, dataset
 * directory and the modification time of the checkpoint's index, so a checkpoint rewritten in place
 * ({@code checkpoints/best} while a run trains) is loaded again. Models are handed out as leases: an
 * evicted model is closed once its last lease is.
 */
public final class InferenceModels implements AutoCloseable {
    private final long maxBytes;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long loads;

    /** @param maxBytes bound on the models kept (at least one is kept) */
    public InferenceModels(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** A model in use; close it when done. */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        public InferenceModel model() {
            return entry.model;
        }

        @Override
        public void close() {
            synchronized (InferenceModels.this) {
                if (!closed) {
                    closed = true;
                    entry.leases--;
                    entry.closeIfDone();
                }
            }
        }
    }

    private static final class Entry {
        final InferenceModel model;
        int leases;
        boolean evicted;

        Entry(InferenceModel model) {
            this.model = model;
        }

        void closeIfDone() {
            if (evicted && leases == 0) {
                try {
                    model.close();
                } catch (IOException ignored) {
                    // a read-only dataset file: nothing was written that could be lost
                }
            }
        }
    }

    /** The model of {@code checkpointDir} on {@code dataDir}, loaded unless it is kept. */
    public synchronized Lease acquire(Path checkpointDir, Path dataDir) throws IOException {
        Path index = checkpointDir.resolve(Checkpoint.INDEX_FILE);
        long modified = Files.exists(index) ? Files.getLastModifiedTime(index).toMillis() : 0;
        String key = checkpointDir.toAbsolutePath().normalize() + "\u0000" + dataDir.toAbsolutePath().normalize()
                + "\u0000" + modified;
        Entry e = entries.get(key);
        if (e == null) {
            e = new Entry(InferenceModel.load(checkpointDir, dataDir));
            loads++;
            entries.put(key, e);
            bytes += e.model.approximateBytes();
            evict(e);
        }
        e.leases++;
        return new Lease(e);
    }

    private void evict(Entry keep) {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext() && bytes > maxBytes; ) {
            Entry e = it.next();
            if (e == keep) {
                continue;
            }
            it.remove();
            bytes -= e.model.approximateBytes();
            e.evicted = true;
            e.closeIfDone();
        }
    }

    /** Models kept now. */
    public synchronized int size() {
        return entries.size();
    }

    /** Their estimated bytes. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Models loaded since this cache was made (a kept model served again is no load). */
    public synchronized long loads() {
        return loads;
    }

    @Override
    public synchronized void close() {
        for (Entry e : entries.values()) {
            e.evicted = true;
            e.closeIfDone();
        }
        entries.clear();
        bytes = 0;
    }
}
