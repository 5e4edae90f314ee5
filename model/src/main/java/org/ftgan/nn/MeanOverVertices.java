package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Average over the vertex axis: [B, V, C] -> [B, C]. */
public final class MeanOverVertices extends Module {
    private INDArray output;
    private INDArray gradInput;
    private int vertices = -1;

    @Override
    public MeanOverVertices replica() {
        return new MeanOverVertices();
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        Tensors.requireShape("MeanOverVertices input", x, x.dataType(), -1, -1, -1);
        x = Tensors.dense(x);
        int batch = (int) x.size(0);
        int v = (int) x.size(1);
        int c = (int) x.size(2);
        vertices = v;
        output = Tensors.reuse(output, x.dataType(), batch, c);
        if (Backend.javaLoops()) {
            HostArray xs = HostArray.of(x);
            HostArray ys = HostArray.of(output);
            Parallel.forEach(batch, (long) v * c, b -> {
                double[] sum = new double[c];
                for (int i = b * v * c, end = i + v * c; i < end; i += c) {
                    for (int k = 0; k < c; k++) {
                        sum[k] += xs.get(i + k);
                    }
                }
                for (int k = 0; k < c; k++) {
                    ys.set(b * c + k, sum[k] / v);
                }
            });
        } else {
            output.assign(x.mean(1));
        }
        return output;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(output, "MeanOverVertices");
        int batch = (int) output.size(0);
        int c = (int) output.size(1);
        int v = vertices;
        Tensors.requireShape("MeanOverVertices gradient", gradOutput, output.dataType(), batch, c);
        INDArray dy = Tensors.dense(gradOutput);
        gradInput = Tensors.reuse(gradInput, output.dataType(), batch, v, c);
        if (Backend.javaLoops()) {
            HostArray dys = HostArray.of(dy);
            HostArray dxs = HostArray.of(gradInput);
            Parallel.forEach(batch, (long) v * c, b -> {
                for (int i = b * v * c, end = i + v * c; i < end; i += c) {
                    for (int k = 0; k < c; k++) {
                        dxs.set(i + k, dys.get(b * c + k) / v);
                    }
                }
            });
        } else {
            ChannelOps.spread(dy.div(v), gradInput);
        }
        return gradInput;
    }
}
