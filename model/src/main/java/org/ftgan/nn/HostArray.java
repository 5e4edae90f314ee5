package org.ftgan.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access, by flat c-order index and without copying, to the host buffer of a contiguous
 * FLOAT or DOUBLE INDArray (a view with an offset into a larger buffer is fine): the CPU kernels'
 * loops ({@link Kernels#cpu()}) and the losses go through it instead of {@code INDArray.getDouble}'s
 * per-element checks.
 * Values pass as double so one loop serves both precisions (float for training, double for
 * gradient checks); the JIT sees one subclass per run in training, so calls inline. Needs host
 * memory: the CPU backend.
 */
public abstract sealed class HostArray permits HostArray.FloatArray, HostArray.DoubleArray {
    /** Below this length an element loop beats a bulk copy's fixed cost. */
    private static final int BULK_MIN = 12;

    /**
     * Wraps {@code a}, which must be FLOAT or DOUBLE, c-ordered and contiguous; {@code what} names
     * it in error messages.
     */
    public static HostArray of(INDArray a, String what) {
        requireContiguous(a, what);
        // data() of a view is the whole underlying buffer: the view starts at offset()
        int offset = (int) a.offset();
        if (a.dataType() == DataType.FLOAT) {
            return new FloatArray(a.data().asNioFloat().position(offset).slice());
        }
        if (a.dataType() == DataType.DOUBLE) {
            return new DoubleArray(a.data().asNioDouble().position(offset).slice());
        }
        throw new IllegalArgumentException(what + ": expected a FLOAT or DOUBLE array, got " + a.dataType());
    }

    /** {@link #of(INDArray, String)} for a module's own buffers, which need no name. */
    static HostArray of(INDArray a) {
        return of(a, "array");
    }

    /** Throws unless {@code array} is laid out as a dense c-order block (strides of a fresh c array) within 2^31 elements. */
    public static void requireContiguous(INDArray array, String what) {
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
        if (expected > Integer.MAX_VALUE - array.offset()) {
            throw new IllegalArgumentException(what + ": " + expected + " elements is more than one buffer of 2^31 can index");
        }
    }

    public abstract double get(int i);

    public abstract void set(int i, double v);

    public final void add(int i, double v) {
        set(i, get(i) + v);
    }

    final void fill(int from, int length, double v) {
        for (int i = from; i < from + length; i++) {
            set(i, v);
        }
    }

    /** Copies {@code length} elements of {@code src} from {@code srcPos} to {@code dstPos} here (same data type). */
    final void copy(int dstPos, HostArray src, int srcPos, int length) {
        if (length < BULK_MIN) {
            for (int i = 0; i < length; i++) {
                set(dstPos + i, src.get(srcPos + i));
            }
        } else {
            bulkCopy(dstPos, src, srcPos, length);
        }
    }

    abstract void bulkCopy(int dstPos, HostArray src, int srcPos, int length);

    /** True for a FLOAT array, whose elements {@link #getFloats} and {@link #putFloats} move in bulk. */
    abstract boolean isFloat();

    /** Copies {@code length} elements from {@code pos} into {@code dst} from {@code offset} (FLOAT arrays only). */
    abstract void getFloats(int pos, float[] dst, int offset, int length);

    /** Copies {@code length} elements of {@code src} from {@code offset} to {@code pos} here (FLOAT arrays only). */
    abstract void putFloats(int pos, float[] src, int offset, int length);

    static final class FloatArray extends HostArray {
        private final FloatBuffer b;

        FloatArray(FloatBuffer b) {
            this.b = b;
        }

        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void set(int i, double v) {
            b.put(i, (float) v);
        }

        @Override
        void bulkCopy(int dstPos, HostArray src, int srcPos, int length) {
            b.put(dstPos, ((FloatArray) src).b, srcPos, length);
        }

        @Override
        boolean isFloat() {
            return true;
        }

        @Override
        void getFloats(int pos, float[] dst, int offset, int length) {
            b.get(pos, dst, offset, length);
        }

        @Override
        void putFloats(int pos, float[] src, int offset, int length) {
            b.put(pos, src, offset, length);
        }
    }

    static final class DoubleArray extends HostArray {
        private final DoubleBuffer b;

        DoubleArray(DoubleBuffer b) {
            this.b = b;
        }

        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void set(int i, double v) {
            b.put(i, v);
        }

        @Override
        void bulkCopy(int dstPos, HostArray src, int srcPos, int length) {
            b.put(dstPos, ((DoubleArray) src).b, srcPos, length);
        }

        @Override
        boolean isFloat() {
            return false;
        }

        @Override
        void getFloats(int pos, float[] dst, int offset, int length) {
            throw new IllegalStateException("float access to a DOUBLE array");
        }

        @Override
        void putFloats(int pos, float[] src, int offset, int length) {
            throw new IllegalStateException("float access to a DOUBLE array");
        }
    }
}
