package org.ftgan.train;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access, by flat c-order index, to the native memory of a contiguous FLOAT or DOUBLE
 * INDArray, without copying it.
 *
 * <p>The losses loop over their inputs element by element; going through the direct buffer avoids
 * both a copy per call and the per-element shape checks of {@code INDArray.getDouble}. Values are
 * read and written as doubles whatever the storage type, so one loop serves both types.
 */
abstract sealed class ArrayElements permits ArrayElements.Floats, ArrayElements.Doubles {

    /**
     * Wraps {@code array}, which must be FLOAT or DOUBLE, c-ordered and contiguous (a view with an
     * offset into a larger buffer is fine); {@code what} names the array in error messages.
     */
    static ArrayElements of(INDArray array, String what) {
        requireContiguous(array, what);
        DataType type = array.dataType();
        // data() of a view is the whole underlying buffer: the view starts at offset()
        int offset = Math.toIntExact(array.offset());
        if (type == DataType.FLOAT) {
            return new Floats(array.data().asNioFloat().position(offset).slice());
        }
        if (type == DataType.DOUBLE) {
            return new Doubles(array.data().asNioDouble().position(offset).slice());
        }
        throw new IllegalArgumentException(what + ": expected a FLOAT or DOUBLE array, got " + type);
    }

    /** Throws unless {@code array} is laid out as a dense c-order block (strides of a fresh c array). */
    static void requireContiguous(INDArray array, String what) {
        if (array == null) {
            throw new IllegalArgumentException(what + ": array is null");
        }
        if (array.isEmpty()) {
            throw new IllegalArgumentException(what + ": array is empty, shape " + Arrays.toString(array.shape()));
        }
        long[] shape = array.shape();
        long[] stride = array.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            // a dimension of size 1 may carry any stride without breaking contiguity
            if (shape[d] != 1 && stride[d] != expected) {
                throw new IllegalArgumentException(what + ": expected a contiguous c-order array, got shape "
                        + Arrays.toString(shape) + " with strides " + Arrays.toString(stride)
                        + " (order '" + array.ordering() + "'); pass array.dup('c')");
            }
            expected *= shape[d];
        }
        if (expected > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + ": " + expected + " elements is more than one buffer of 2^31 can index");
        }
    }

    abstract double get(int index);

    abstract void set(int index, double value);

    final void add(int index, double value) {
        set(index, get(index) + value);
    }

    static final class Floats extends ArrayElements {
        private final FloatBuffer buffer;

        Floats(FloatBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        double get(int index) {
            return buffer.get(index);
        }

        @Override
        void set(int index, double value) {
            buffer.put(index, (float) value);
        }
    }

    static final class Doubles extends ArrayElements {
        private final DoubleBuffer buffer;

        Doubles(DoubleBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        double get(int index) {
            return buffer.get(index);
        }

        @Override
        void set(int index, double value) {
            buffer.put(index, value);
        }
    }
}
