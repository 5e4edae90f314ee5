package org.ftgan.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ftgan.topology.DownSampling;
import org.ftgan.topology.Spirals;
import org.ftgan.topology.UpSampling;

/**
 * A synthetic hierarchy with a config's exact vertex counts, drawn like the PyTorch reference's
 * {@code synthetic_topology}: spirals are the vertex itself then random indices within +-12 of it,
 * clamped to the mesh (so indices repeat, as in padded spirals); D keeps a random sorted subset;
 * U gives each fine vertex 3 random coarse vertices with random weights summing to 1. For parameter
 * counts, tests and benchmarks; it is not a mesh.
 */
public final class RandomTopology {
    private static final int SPREAD = 12;

    private RandomTopology() {
    }

    public static NetworkTopology generate(ModelConfig config, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Spirals> spirals = new ArrayList<>();
        List<DownSampling> down = new ArrayList<>();
        List<UpSampling> up = new ArrayList<>();
        for (int level = 0; level < config.verticesPerLevel().size(); level++) {
            int n = config.vertices(level);
            spirals.add(spirals(n, config.spiralLength(), rng));
            if (level + 1 < config.verticesPerLevel().size()) {
                int m = config.vertices(level + 1);
                down.add(down(n, m, rng));
                up.add(up(n, m, rng));
            }
        }
        return new NetworkTopology(spirals, down, up);
    }

    public static Spirals spirals(int vertices, int length, SplittableRandom rng) {
        int[] idx = new int[vertices * length];
        for (int v = 0; v < vertices; v++) {
            idx[v * length] = v;
            for (int k = 1; k < length; k++) {
                int u = v + rng.nextInt(-SPREAD, SPREAD + 1);
                idx[v * length + k] = Math.max(0, Math.min(vertices - 1, u));
            }
        }
        return new Spirals(vertices, length, idx);
    }

    public static DownSampling down(int fine, int coarse, SplittableRandom rng) {
        if (coarse > fine) {
            throw new IllegalArgumentException("cannot keep " + coarse + " of " + fine + " vertices");
        }
        int[] perm = new int[fine];
        for (int i = 0; i < fine; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < coarse; i++) {
            int j = i + rng.nextInt(fine - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] kept = Arrays.copyOf(perm, coarse);
        Arrays.sort(kept);
        return new DownSampling(fine, kept);
    }

    public static UpSampling up(int fine, int coarse, SplittableRandom rng) {
        int[] idx = new int[3 * fine];
        float[] w = new float[3 * fine];
        for (int f = 0; f < fine; f++) {
            double[] r = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            double sum = r[0] + r[1] + r[2];
            for (int k = 0; k < 3; k++) {
                idx[3 * f + k] = rng.nextInt(coarse);
                w[3 * f + k] = (float) (r[k] / sum);
            }
        }
        return new UpSampling(coarse, idx, w);
    }
}
