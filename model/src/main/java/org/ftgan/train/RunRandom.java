package org.ftgan.train;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The single source of randomness of a run: one seed, from which every consumer gets its own named
 * {@link RandomStream}. A stream's starting state depends only on the seed and its name, so adding a
 * stream, or drawing more from one, never changes the numbers of another.
 *
 * <p>{@link #state()} and {@link #restore} save and restore all streams at once for checkpoints;
 * restoring updates the stream objects in place, so holders of a stream see the restored state.
 */
public final class RunRandom {
    /** Weight initialization of the networks. */
    public static final String INIT = "init";
    /** Epoch-wise order of the content samples x. */
    public static final String BATCHES = "batches";
    /** Style samples s, drawn independently of x. */
    public static final String STYLE_SAMPLES = "style-samples";
    /** Evaluation triplets (c, c', s) and the partner subjects of E_id_decomp. */
    public static final String EVAL_TRIPLETS = "eval-triplets";

    private final long seed;
    private final SortedMap<String, RandomStream> streams = new TreeMap<>();

    public RunRandom(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The stream called {@code name}; the same object on every call. */
    public RandomStream stream(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("random stream name must be a non-empty string");
        }
        return streams.computeIfAbsent(name, n -> new RandomStream(n, initialState(seed, n)));
    }

    /** Starting state of stream {@code name} under {@code seed}: both hashed, so nearby seeds or names give unrelated streams. */
    static long initialState(long seed, String name) {
        // FNV-1a over the UTF-8 bytes: a fixed, platform-independent hash (String.hashCode is only 32 bits)
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return RandomStream.mix64(RandomStream.mix64(seed) ^ h);
    }

    /** The seed and the current state of every stream made so far. */
    public RunRandomState state() {
        SortedMap<String, Long> saved = new TreeMap<>();
        streams.forEach((name, stream) -> saved.put(name, stream.state()));
        return new RunRandomState(seed, saved);
    }

    /**
     * Puts every stream back to {@code saved}. A stream that exists now but was not yet made when the
     * state was saved goes back to its starting state, as it was then.
     */
    public void restore(RunRandomState saved) {
        if (saved == null) {
            throw new IllegalArgumentException("random state is null");
        }
        if (saved.seed() != seed) {
            throw new IllegalArgumentException("random state was saved by a run with seed " + saved.seed() + ", this run's seed is " + seed);
        }
        for (RandomStream stream : streams.values()) {
            Long state = saved.streams().get(stream.name());
            stream.restore(state != null ? state : initialState(seed, stream.name()));
        }
        saved.streams().forEach((name, state) -> stream(name).restore(state));
    }
}
