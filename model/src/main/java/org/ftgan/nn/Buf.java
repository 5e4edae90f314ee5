package org.ftgan.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access to a c-contiguous FLOAT or DOUBLE array's host buffer, for the modules' Java loops.
 * Values pass as double so one loop serves both precisions (float for training, double for
 * gradient checks); the JIT sees one subclass per run in training, so calls inline.
 */
abstract class Buf {
    /** Below this length an element loop beats a bulk copy's fixed cost. */
    private static final int BULK_MIN = 12;

    static Buf of(INDArray a) {
        if (!Backend.javaLoops()) {
            throw new IllegalStateException("Java loops are disabled on this backend");
        }
        Tensors.requireContiguous(a);
        if (a.length() > Integer.MAX_VALUE - a.offset()) {
            throw new IllegalArgumentException("array of " + a.length() + " elements is too large for the Java loops");
        }
        int offset = (int) a.offset();
        if (a.dataType() == DataType.FLOAT) {
            return new FloatBuf(a.data().asNioFloat().position(offset).slice());
        }
        if (a.dataType() == DataType.DOUBLE) {
            return new DoubleBuf(a.data().asNioDouble().position(offset).slice());
        }
        throw new IllegalArgumentException("expected a FLOAT or DOUBLE array, got " + a.dataType());
    }

    abstract double get(int i);

    abstract void set(int i, double v);

    final void add(int i, double v) {
        set(i, get(i) + v);
    }

    final void fill(int from, int length, double v) {
        for (int i = from; i < from + length; i++) {
            set(i, v);
        }
    }

    /** Copies {@code length} elements of {@code src} from {@code srcPos} to {@code dstPos} here (same data type). */
    final void copy(int dstPos, Buf src, int srcPos, int length) {
        if (length < BULK_MIN) {
            for (int i = 0; i < length; i++) {
                set(dstPos + i, src.get(srcPos + i));
            }
        } else {
            bulkCopy(dstPos, src, srcPos, length);
        }
    }

    abstract void bulkCopy(int dstPos, Buf src, int srcPos, int length);

    /** True for a FLOAT array, whose elements {@link #getFloats} and {@link #putFloats} move in bulk. */
    abstract boolean isFloat();

    /** Copies {@code length} elements from {@code pos} into {@code dst} from {@code offset} (FLOAT arrays only). */
    abstract void getFloats(int pos, float[] dst, int offset, int length);

    /** Copies {@code length} elements of {@code src} from {@code offset} to {@code pos} here (FLOAT arrays only). */
    abstract void putFloats(int pos, float[] src, int offset, int length);

    private static final class FloatBuf extends Buf {
        private final FloatBuffer b;

        FloatBuf(FloatBuffer b) {
            this.b = b;
        }

        @Override
        double get(int i) {
            return b.get(i);
        }

        @Override
        void set(int i, double v) {
            b.put(i, (float) v);
        }

        @Override
        void bulkCopy(int dstPos, Buf src, int srcPos, int length) {
            b.put(dstPos, ((FloatBuf) src).b, srcPos, length);
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

    private static final class DoubleBuf extends Buf {
        private final DoubleBuffer b;

        DoubleBuf(DoubleBuffer b) {
            this.b = b;
        }

        @Override
        double get(int i) {
            return b.get(i);
        }

        @Override
        void set(int i, double v) {
            b.put(i, v);
        }

        @Override
        void bulkCopy(int dstPos, Buf src, int srcPos, int length) {
            b.put(dstPos, ((DoubleBuf) src).b, srcPos, length);
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
