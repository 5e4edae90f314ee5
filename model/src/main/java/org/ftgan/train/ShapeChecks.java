package org.ftgan.train;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks shared by the losses, with messages that name the offending array. */
final class ShapeChecks {
    private ShapeChecks() {
    }

    /** Requires a batch of meshes, [batch, V, 3]. */
    static void requireMeshBatch(INDArray array, String what) {
        if (array == null) {
            throw new IllegalArgumentException(what + ": array is null");
        }
        long[] shape = array.shape();
        if (shape.length != 3 || shape[2] != 3) {
            throw new IllegalArgumentException(what + ": expected a mesh batch of shape [batch, V, 3], got " + Arrays.toString(shape));
        }
    }

    /** Requires {@code array} to have exactly the shape of {@code reference}. */
    static void requireSameShape(INDArray array, String what, INDArray reference, String referenceName) {
        if (reference == null) {
            throw new IllegalArgumentException(referenceName + ": array is null");
        }
        if (array == null) {
            throw new IllegalArgumentException(what + ": array is null");
        }
        if (!Arrays.equals(array.shape(), reference.shape())) {
            throw new IllegalArgumentException(what + ": expected the shape of " + referenceName + " "
                    + Arrays.toString(reference.shape()) + ", got " + Arrays.toString(array.shape()));
        }
    }
}
