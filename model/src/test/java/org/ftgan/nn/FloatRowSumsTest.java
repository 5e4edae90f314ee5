package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scatter sum's vector loop gives the scalar loop's bits, for row widths with and without a scalar tail. */
class FloatRowSumsTest {
    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {3, 16, 32, 37, 64, 128})
    void vectorAndScalarRowSumsGiveTheSameBits(int c) {
        assertTrue(VectorApi.AVAILABLE, "run the tests with --add-modules jdk.incubator.vector (the surefire argLine does)");
        SplittableRandom rng = new SplittableRandom(c);
        int rows = 300;
        // spirals of 9 with repeated indices (padding) and rows that nobody reads
        int[] index = new int[rows * 9];
        for (int p = 0; p < index.length; p++) {
            index[p] = p % 9 == 8 ? index[p - 1] : rng.nextInt(rows - 10);
        }
        InverseIndex readers = new InverseIndex(index, rows);
        float[] g = new float[index.length * c];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(-3, 4)));
        }
        float[] scalar = new float[rows * c];
        float[] vector = new float[rows * c];
        java.util.Arrays.fill(vector, Float.NaN); // every element must be written
        FloatRowSums.sumScalar(g, readers, rows, c, scalar);
        if (c >= VectorRowSums.lanes()) {
            VectorRowSums.sum(g, readers, rows, c, vector);
        } else {
            FloatRowSums.sum(g, readers, rows, c, vector);
        }
        assertArrayEquals(scalar, vector);
    }
}
