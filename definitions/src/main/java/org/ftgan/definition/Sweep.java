package org.ftgan.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The runs of a definition, computed one at a time on demand (a worker expands slices of sweeps of
 * thousands of runs without materializing them).
 *
 * <p>Order: first the grid's full cross product, axes sorted by {@code section.key} and the last
 * axis varying fastest, each axis's values in the order written; then the {@code n} random points.
 * With no grid, the grid part is the base config alone, unless random points are given (then it is
 * empty). Random point {@code j} draws its keys, in sorted order, from
 * {@code new SplittableRandom(new SplittableRandom(seed + j).nextLong())}: a stream of its own, so
 * any point is computed without the ones before it.
 *
 * <p>With a {@link Search} (sweep.search) there is no grid and no random part: its {@code n} points are the
 * runs, proposed while the sweep runs ({@link Tpe#propose}, then {@link #searchRun}); {@link #run} gives
 * point j as drawn at random, the same draw as random point j above.
 */
public final class Sweep {

    /** One grid axis: the values one key takes. */
    public record GridAxis(String section, String key, List<JsonNode> values) {
        public GridAxis {
            values = values.stream().<JsonNode>map(JsonNode::deepCopy).toList();
        }

        String path() {
            return section + "." + key;
        }
    }

    /** One randomly drawn key. */
    public record RandomAxis(String section, String key, RandomRange range) {
        String path() {
            return section + "." + key;
        }
    }

    private final ObjectNode base;
    private final List<GridAxis> grid;
    private final List<RandomAxis> random;
    private final int randomCount;
    private final long randomSeed;
    private final long gridSize;
    private final int keyDigits;
    private final Search search;

    /** Axes are sorted here; the validator has already checked sizes (the total must fit a long). */
    Sweep(ObjectNode base, List<GridAxis> grid, List<RandomAxis> random, int randomCount, long randomSeed) {
        this(base, grid, random, randomCount, randomSeed, null);
    }

    /** With a search (then grid and random are empty): its n points are the sweep's runs, proposed while it runs. */
    Sweep(ObjectNode base, List<GridAxis> grid, List<RandomAxis> random, int randomCount, long randomSeed, Search search) {
        this.search = search;
        this.base = base.deepCopy();
        this.grid = grid.stream().sorted(Comparator.comparing(GridAxis::path)).toList();
        this.random = random.stream().sorted(Comparator.comparing(RandomAxis::path)).toList();
        this.randomCount = randomCount;
        this.randomSeed = randomSeed;
        this.gridSize = search != null ? 0 : gridSize(grid, randomCount);
        this.keyDigits = Math.max(4, Long.toString(Math.max(0, size() - 1)).length());
    }

    /** Runs of the grid part: the product of the axis sizes; see the class comment for an empty grid. */
    static long gridSize(List<GridAxis> grid, int randomCount) {
        if (grid.isEmpty()) {
            return randomCount > 0 ? 0 : 1;
        }
        long n = 1;
        for (GridAxis a : grid) {
            n = Math.multiplyExact(n, a.values().size());
        }
        return n;
    }

    public long size() {
        return gridSize + randomCount + (search == null ? 0 : search.n());
    }

    /** sweep.search, or null: every run is planned up front. */
    public Search search() {
        return search;
    }

    public long gridSize() {
        return gridSize;
    }

    public int randomCount() {
        return randomCount;
    }

    public List<GridAxis> grid() {
        return grid;
    }

    public List<RandomAxis> random() {
        return random;
    }

    /**
     * The run at {@code index} (0 to size() - 1). For a search, point {@code index} as drawn at random
     * (what method random proposes, and what the validator checks); the point a search proposes is
     * {@link #searchRun}.
     */
    public RunSpec run(long index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("run index " + index + " is outside the sweep's 0.." + (size() - 1));
        }
        ObjectNode overrides = CanonicalJson.MAPPER.createObjectNode();
        if (search != null) {
            overrides = drawPoint(search.space(), pointRandom(search.seed(), index));
        } else if (index < gridSize) {
            long rest = index;
            for (int a = grid.size() - 1; a >= 0; a--) {
                GridAxis axis = grid.get(a);
                int n = axis.values().size();
                set(overrides, axis.section(), axis.key(), axis.values().get((int) (rest % n)));
                rest /= n;
            }
        } else {
            overrides = drawPoint(random, pointRandom(randomSeed, index - gridSize));
        }
        return spec(index, overrides);
    }

    /**
     * Search point {@code index} with the values the search proposed (section -> key -> value, see
     * {@link Tpe#propose}); any index from 0, since points can be added while the sweep runs.
     */
    public RunSpec searchRun(long index, ObjectNode values) {
        if (search == null) {
            throw new IllegalStateException("this sweep has no search");
        }
        if (index < 0) {
            throw new IndexOutOfBoundsException("search point " + index);
        }
        return spec(index, values);
    }

    private RunSpec spec(long index, ObjectNode overrides) {
        ObjectNode config = base.deepCopy();
        overrides.fields().forEachRemaining(section ->
                ((ObjectNode) config.get(section.getKey())).setAll((ObjectNode) section.getValue()));
        long seed = config.path("training").path("seed").asLong();
        String key = "r" + String.format("%0" + keyDigits + "d", index);
        return new RunSpec(index, key, orderedLikeConfig(overrides), config, seed);
    }

    /** {@code count} runs from {@code from} (fewer at the end of the sweep). */
    public List<RunSpec> runs(long from, int count) {
        if (from < 0 || count < 0) {
            throw new IllegalArgumentException("runs(from, count) needs from >= 0 and count >= 0, got " + from + ", " + count);
        }
        long end = Math.min(size(), from + count);
        List<RunSpec> out = new ArrayList<>();
        for (long i = from; i < end; i++) {
            out.add(run(i));
        }
        return out;
    }

    /** The stream random point {@code point} draws from: its own, so any point is computed alone. */
    static SplittableRandom pointRandom(long seed, long point) {
        return new SplittableRandom(new SplittableRandom(seed + point).nextLong());
    }

    /** One value per axis, in the axes' (sorted) order, from {@code draws}. */
    static ObjectNode drawPoint(List<RandomAxis> axes, SplittableRandom draws) {
        ObjectNode overrides = CanonicalJson.MAPPER.createObjectNode();
        for (RandomAxis axis : axes) {
            set(overrides, axis.section(), axis.key(), axis.range().draw(draws));
        }
        return overrides;
    }

    static void set(ObjectNode overrides, String section, String key, JsonNode value) {
        ObjectNode s = overrides.has(section) ? (ObjectNode) overrides.get(section) : overrides.putObject(section);
        s.set(key, value.deepCopy());
    }

    /** Sections in config order, so the overrides read the same whichever axis came first. */
    private static ObjectNode orderedLikeConfig(ObjectNode overrides) {
        ObjectNode out = CanonicalJson.MAPPER.createObjectNode();
        for (String s : ConfigKeys.SECTIONS) {
            if (overrides.has(s)) {
                out.set(s, overrides.get(s));
            }
        }
        return out;
    }
}
