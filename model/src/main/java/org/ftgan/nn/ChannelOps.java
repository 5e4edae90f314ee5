package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J-op helpers for the device path: combine mesh features [B, V, C] with one value per sample
 * and channel [B, C], broadcast over the vertex axis, writing into a given output.
 */
final class ChannelOps {
    private ChannelOps() {
    }

    static void mul(INDArray x, INDArray perChannel, INDArray out) {
        Nd4j.exec(new BroadcastMulOp(x, perChannel, out, 0, 2));
    }

    static void sub(INDArray x, INDArray perChannel, INDArray out) {
        Nd4j.exec(new BroadcastSubOp(x, perChannel, out, 0, 2));
    }

    static void add(INDArray x, INDArray perChannel, INDArray out) {
        Nd4j.exec(new BroadcastAddOp(x, perChannel, out, 0, 2));
    }

    /** out[b, v, c] = perChannel[b, c] for every vertex v. */
    static void spread(INDArray perChannel, INDArray out) {
        Nd4j.exec(new BroadcastCopyOp(out, perChannel, out, 0, 2));
    }
}
