package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The matrix products run on MKL in every ftgan process (the build sets the same property for the
 * tests), give the products a plain loop gives, and give the same bits when repeated.
 */
class BlasLibraryTest {

    @Test
    void theTestProcessRunsItsProductsOnMkl() {
        Gemm.multiply(Nd4j.ones(DataType.FLOAT, 2, 2), Nd4j.ones(DataType.FLOAT, 2, 2), Nd4j.create(DataType.FLOAT, 2, 2),
                false, false, 1.0, 0.0);
        assertTrue(BlasLibrary.mklOnClassPath(), "the org.bytedeco:mkl redistributable jar is a dependency of model");
        assertEquals("mkl_rt", System.getProperty(BlasLibrary.LOAD_PROPERTY));
        assertTrue(BlasLibrary.describe().contains("libmkl_rt"), BlasLibrary.describe());
    }

    @Test
    void tallThinProductsAndTheirTransposesMatchAPlainLoop() {
        // the shapes of a spiral convolution: [rows, 9 in] x [9 in, out], its weight and input gradients
        int rows = 1003;
        int k = 27;
        int n = 16;
        float[][] a = random(rows, k, 1);
        float[][] b = random(k, n, 2);
        float[][] dy = random(rows, n, 3);
        INDArray y = Nd4j.create(DataType.FLOAT, rows, n);
        Gemm.multiply(Nd4j.create(a), Nd4j.create(b), y, false, false, 1.0, 0.0);
        assertClose(plain(a, b), y.toFloatMatrix(), "y = a b");

        INDArray weightGrad = Nd4j.create(b).dup();
        Gemm.multiply(Nd4j.create(a), Nd4j.create(dy), weightGrad, true, false, 1.0, 1.0);
        float[][] expected = plain(transpose(a), dy);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                expected[i][j] += b[i][j];
            }
        }
        assertClose(expected, weightGrad.toFloatMatrix(), "grad W += a^T dy");

        INDArray inputGrad = Nd4j.create(DataType.FLOAT, rows, k);
        Gemm.multiply(Nd4j.create(dy), Nd4j.create(b), inputGrad, false, true, 1.0, 0.0);
        assertClose(plain(dy, transpose(b)), inputGrad.toFloatMatrix(), "grad a = dy W^T");
    }

    @Test
    void aRepeatedProductGivesTheSameBits() {
        INDArray a = Nd4j.create(random(4017, 288, 4));
        INDArray b = Nd4j.create(random(288, 32, 5));
        INDArray first = Nd4j.create(DataType.FLOAT, 4017, 32);
        INDArray second = Nd4j.create(DataType.FLOAT, 4017, 32);
        Gemm.multiply(a, b, first, false, false, 1.0, 0.0);
        Gemm.multiply(a.dup(), b.dup(), second, false, false, 1.0, 0.0);
        assertArrayEquals(first.data().asFloat(), second.data().asFloat());
    }

    @Test
    void countingTalliesEachShape() {
        INDArray a = Nd4j.create(DataType.FLOAT, 5, 3);
        INDArray b = Nd4j.create(DataType.FLOAT, 3, 4);
        INDArray c = Nd4j.create(DataType.FLOAT, 5, 4);
        Gemm.count(true);
        try {
            Gemm.multiply(a, b, c, false, false, 1.0, 0.0);
            Gemm.multiply(a, b, c, false, false, 1.0, 0.0);
            Gemm.multiply(a, c, b, true, false, 1.0, 1.0);
        } finally {
            Gemm.count(false);
        }
        Map<Gemm.Shape, Long> counted = Gemm.counted();
        assertEquals(2L, counted.get(new Gemm.Shape(5, 4, 3, false, false, false, DataType.FLOAT)));
        assertEquals(1L, counted.get(new Gemm.Shape(3, 4, 5, true, false, true, DataType.FLOAT)));
        assertEquals(120.0, new Gemm.Shape(5, 4, 3, false, false, false, DataType.FLOAT).flops());
    }

    @Test
    void anUnknownChoiceIsRefusedByName() {
        String before = System.getProperty("ftgan.blas");
        System.setProperty("ftgan.blas", "atlas");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, BlasLibrary::choose);
            assertTrue(e.getMessage().contains("ftgan.blas must be mkl or openblas"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("ftgan.blas");
            } else {
                System.setProperty("ftgan.blas", before);
            }
        }
    }

    private static float[][] random(int rows, int columns, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] m = new float[rows][columns];
        for (float[] row : m) {
            for (int j = 0; j < columns; j++) {
                row[j] = (float) (r.nextDouble() * 2 - 1);
            }
        }
        return m;
    }

    private static float[][] transpose(float[][] m) {
        float[][] t = new float[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static float[][] plain(float[][] a, float[][] b) {
        float[][] c = new float[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                double s = 0;
                for (int p = 0; p < b.length; p++) {
                    s += (double) a[i][p] * b[p][j];
                }
                c[i][j] = (float) s;
            }
        }
        return c;
    }

    private static void assertClose(float[][] expected, float[][] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                // float accumulation over up to 1,003 terms of magnitude <= 1
                assertEquals(expected[i][j], actual[i][j], 1e-4 * Math.max(1, Math.abs(expected[i][j])) + 2e-4,
                        what + " at [" + i + ", " + j + "]");
            }
        }
    }
}
