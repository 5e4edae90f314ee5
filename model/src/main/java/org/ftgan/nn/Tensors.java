package org.ftgan.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shape checks and buffer reuse shared by the modules. */
final class Tensors {
    private Tensors() {
    }

    /**
     * Returns {@code current} when it already has this type and shape, else a new zeroed array.
     * Modules keep their outputs and gradients across calls this way: allocating per call leaves
     * native memory to the garbage collector, which frees it too late.
     */
    static INDArray reuse(INDArray current, DataType type, long... shape) {
        if (current != null && current.dataType() == type && Arrays.equals(current.shape(), shape)) {
            return current;
        }
        return Nd4j.create(type, shape);
    }

    /** True when the array's elements are laid out densely in c order (so one index walks them). */
    static boolean isContiguous(INDArray a) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** The array itself when dense in c order, else a dense copy (a caller passed a strided view). */
    static INDArray dense(INDArray a) {
        return isContiguous(a) ? a : a.dup('c');
    }

    /**
     * Checks rank, data type and sizes; an expected size of -1 accepts any size (the batch).
     *
     * @param who the module and argument, for the message
     */
    static void requireShape(String who, INDArray a, DataType type, long... expected) {
        if (a == null) {
            throw new IllegalArgumentException(who + ": array is missing");
        }
        boolean ok = a.rank() == expected.length;
        for (int i = 0; ok && i < expected.length; i++) {
            ok = expected[i] < 0 || a.size(i) == expected[i];
        }
        if (!ok) {
            throw new IllegalArgumentException(who + ": expected shape " + describe(expected) + ", got "
                    + Arrays.toString(a.shape()));
        }
        if (a.dataType() != type) {
            throw new IllegalArgumentException(who + ": expected data type " + type + " (the parameters' type), got "
                    + a.dataType());
        }
    }

    private static String describe(long[] expected) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < expected.length; i++) {
            sb.append(i > 0 ? ", " : "").append(expected[i] < 0 ? "batch" : Long.toString(expected[i]));
        }
        return sb.append(']').toString();
    }
}
