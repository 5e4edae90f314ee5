package org.ftgan.train;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.ftgan.nn.HostArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Whole-array copies, sums and fills over contiguous FLOAT or DOUBLE arrays and row blocks of them
 * (the training step stacks batches along the first axis), done on the native memory directly so
 * that no ND4J op and no temporary array runs in the training loop.
 */
final class ArrayBlocks {
    private ArrayBlocks() {
    }

    /** Rows {@code from .. to-1} of the first axis of a c-order array: a contiguous view. */
    static INDArray rows(INDArray a, long from, long to) {
        if (a.rank() == 2) {
            return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        }
        if (a.rank() == 3) {
            return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all());
        }
        throw new IllegalArgumentException("rows: expected a rank 2 or 3 array, got rank " + a.rank());
    }

    /** dst = src (same data type and element count). */
    static void copy(INDArray src, INDArray dst) {
        int n = checkedLength(src, dst, "copy");
        if (src.dataType() == DataType.FLOAT) {
            floats(dst, n).put(floats(src, n));
        } else {
            doubles(dst, n).put(doubles(src, n));
        }
    }

    /** dst += src. */
    static void addTo(INDArray src, INDArray dst) {
        int n = checkedLength(src, dst, "add");
        if (src.dataType() == DataType.FLOAT) {
            FloatBuffer s = floats(src, n);
            FloatBuffer d = floats(dst, n);
            for (int i = 0; i < n; i++) {
                d.put(i, d.get(i) + s.get(i));
            }
        } else {
            DoubleBuffer s = doubles(src, n);
            DoubleBuffer d = doubles(dst, n);
            for (int i = 0; i < n; i++) {
                d.put(i, d.get(i) + s.get(i));
            }
        }
    }

    /** dst = a + scale * b. */
    static void scaledSum(INDArray a, double scale, INDArray b, INDArray dst) {
        int n = checkedLength(a, dst, "scaled sum");
        checkedLength(b, dst, "scaled sum");
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer x = floats(a, n);
            FloatBuffer y = floats(b, n);
            FloatBuffer d = floats(dst, n);
            float f = (float) scale;
            for (int i = 0; i < n; i++) {
                d.put(i, x.get(i) + f * y.get(i));
            }
        } else {
            DoubleBuffer x = doubles(a, n);
            DoubleBuffer y = doubles(b, n);
            DoubleBuffer d = doubles(dst, n);
            for (int i = 0; i < n; i++) {
                d.put(i, x.get(i) + scale * y.get(i));
            }
        }
    }

    /** Sum of squares of all elements, accumulated in double. */
    static double sumOfSquares(INDArray a) {
        HostArray e = HostArray.of(a, "sum of squares");
        int n = (int) a.length();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double v = e.get(i);
            sum += v * v;
        }
        return sum;
    }

    static void zero(INDArray a) {
        HostArray.requireContiguous(a, "zero");
        int n = (int) a.length();
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer d = floats(a, n);
            for (int i = 0; i < n; i++) {
                d.put(i, 0f);
            }
        } else {
            DoubleBuffer d = doubles(a, n);
            for (int i = 0; i < n; i++) {
                d.put(i, 0.0);
            }
        }
    }

    private static int checkedLength(INDArray src, INDArray dst, String what) {
        HostArray.requireContiguous(src, what + " source");
        HostArray.requireContiguous(dst, what + " destination");
        if (src.dataType() != dst.dataType() || src.length() != dst.length()) {
            throw new IllegalArgumentException(what + ": source " + src.dataType() + " of " + src.length()
                    + " elements, destination " + dst.dataType() + " of " + dst.length());
        }
        if (src.dataType() != DataType.FLOAT && src.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException(what + ": expected FLOAT or DOUBLE, got " + src.dataType());
        }
        return (int) src.length();
    }

    private static FloatBuffer floats(INDArray a, int n) {
        return a.data().asNioFloat().slice().limit(n);
    }

    private static DoubleBuffer doubles(INDArray a, int n) {
        return a.data().asNioDouble().slice().limit(n);
    }
}
