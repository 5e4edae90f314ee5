package org.ftgan.eval;

import java.nio.FloatBuffer;
import org.ftgan.nn.ContentEncoder;
import org.ftgan.nn.DecoderWithMapping;
import org.ftgan.nn.FaceTuneGanNetworks;
import org.ftgan.nn.StyleEncoder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained FaceTuneGAN as the evaluator's {@link FaceCodec}: each call is one batched forward pass
 * of Ec, Es or Dec (with M) in float. Uses its own replicas of the networks, so the originals'
 * buffers are left alone. Calls are serialized (the modules keep per-call buffers).
 */
public final class NetworkCodec implements FaceCodec {
    private final ContentEncoder contentEncoder;
    private final StyleEncoder styleEncoder;
    private final DecoderWithMapping decoder;
    private final int vertices;
    private final int contentDim;
    private final int styleDim;

    public NetworkCodec(FaceTuneGanNetworks networks) {
        if (networks == null) {
            throw new IllegalArgumentException("NetworkCodec needs trained networks");
        }
        DataType type = networks.contentEncoder().parameters().get(0).value().dataType();
        if (type != DataType.FLOAT) {
            throw new IllegalArgumentException("NetworkCodec runs in float; the networks' parameters are " + type);
        }
        this.contentEncoder = networks.contentEncoder().replica();
        this.styleEncoder = networks.styleEncoder().replica();
        this.decoder = networks.decoder().replica();
        this.vertices = networks.config().vertices(0);
        this.contentDim = networks.config().contentDim();
        this.styleDim = networks.config().styleDim();
    }

    @Override
    public synchronized float[][] contentCodes(float[][] normalizedMeshes) {
        return rows(contentEncoder.forward(meshes(normalizedMeshes)), normalizedMeshes.length);
    }

    @Override
    public synchronized float[][] styleCodes(float[][] normalizedMeshes) {
        return rows(styleEncoder.forward(meshes(normalizedMeshes)), normalizedMeshes.length);
    }

    @Override
    public synchronized float[][] decode(float[][] contentCodes, float[][] styleCodes) {
        if (contentCodes.length != styleCodes.length) {
            throw new IllegalArgumentException("decode: " + contentCodes.length + " content codes but " + styleCodes.length + " style codes");
        }
        INDArray c = matrix(contentCodes, contentDim, "content code");
        INDArray s = matrix(styleCodes, styleDim, "style code");
        return rows(decoder.forward(c, s), contentCodes.length);
    }

    private INDArray meshes(float[][] rows) {
        INDArray a = Nd4j.create(DataType.FLOAT, rows.length, vertices, 3);
        fill(a, rows, 3 * vertices, "mesh");
        return a;
    }

    private static INDArray matrix(float[][] rows, int width, String what) {
        INDArray a = Nd4j.create(DataType.FLOAT, rows.length, width);
        fill(a, rows, width, what);
        return a;
    }

    private static void fill(INDArray target, float[][] rows, int width, String what) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("NetworkCodec: empty batch of " + what + "s");
        }
        FloatBuffer out = target.data().asNioFloat();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException(what + " " + i + ": expected " + width + " floats, got " + rows[i].length);
            }
            out.put(i * width, rows[i], 0, width);
        }
    }

    private static float[][] rows(INDArray out, int n) {
        INDArray c = out.dup('c');
        int width = (int) (c.length() / n);
        float[] flat = c.data().asFloat();
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return rows;
    }
}
