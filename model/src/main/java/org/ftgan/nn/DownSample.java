package org.ftgan.nn;

import org.ftgan.topology.DownSampling;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Mesh down-sampling D: y[b, j] = x[b, kept(j)] for every coarse vertex j (any channel count). */
public final class DownSample extends Module {
    private final DownSampling sampling;
    private INDArray output;
    private INDArray gradInput;
    private INDArray keptIndex;
    private INDArray segments;
    private int channels = -1;

    public DownSample(DownSampling sampling) {
        this.sampling = sampling;
    }

    @Override
    public DownSample replica() {
        return new DownSample(sampling);
    }

    @Override
    protected INDArray computeForward(INDArray x) {
        Tensors.requireShape("DownSample input", x, x.dataType(), -1, sampling.fineCount(), -1);
        x = Tensors.dense(x);
        int batch = (int) x.size(0);
        channels = (int) x.size(2);
        int fine = sampling.fineCount();
        int coarse = sampling.coarseCount();
        output = Tensors.reuse(output, x.dataType(), batch, coarse, channels);
        if (Backend.javaLoops()) {
            HostArray xs = HostArray.of(x);
            HostArray ys = HostArray.of(output);
            int[] kept = sampling.keptFineVertex();
            int c = channels;
            Parallel.forEach(batch, (long) coarse * c, b -> {
                for (int j = 0; j < coarse; j++) {
                    ys.copy((b * coarse + j) * c, xs, (b * fine + kept[j]) * c, c);
                }
            });
        } else {
            if (keptIndex == null) {
                keptIndex = Nd4j.createFromArray(sampling.keptFineVertex());
            }
            IndexOps.gatherRows(x, keptIndex, output);
        }
        return output;
    }

    @Override
    protected INDArray computeBackward(INDArray gradOutput) {
        requireForward(output, "DownSample");
        int batch = (int) output.size(0);
        int fine = sampling.fineCount();
        int coarse = sampling.coarseCount();
        Tensors.requireShape("DownSample gradient", gradOutput, output.dataType(), batch, coarse, channels);
        INDArray dy = Tensors.dense(gradOutput);
        gradInput = Tensors.reuse(gradInput, output.dataType(), batch, fine, channels);
        if (Backend.javaLoops()) {
            HostArray dys = HostArray.of(dy);
            HostArray dxs = HostArray.of(gradInput);
            int[] kept = sampling.keptFineVertex();
            int c = channels;
            Parallel.forEach(batch, (long) fine * c, b -> {
                dxs.fill(b * fine * c, fine * c, 0.0);
                for (int j = 0; j < coarse; j++) {
                    int dst = (b * fine + kept[j]) * c;
                    int src = (b * coarse + j) * c;
                    for (int k = 0; k < c; k++) {
                        dxs.add(dst + k, dys.get(src + k));
                    }
                }
            });
        } else {
            if (segments == null || segments.length() != (long) batch * coarse) {
                segments = IndexOps.batchSegments(sampling.keptFineVertex(), batch, fine);
            }
            IndexOps.segmentSum(dy.reshape('c', (long) batch * coarse, channels), segments, batch * fine,
                    gradInput.reshape('c', (long) batch * fine, channels));
        }
        return gradInput;
    }
}
