package org.ftgan.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Content encoder Ec: meshes [B, V0, 3] -> content codes [B, content_dim]. Down-sampling SpiralBlocks
 * with instance norm, 2 SpiralResBlocks (instance norm) on the coarsest level, flatten, Linear -> ReLU
 * (mlp_hidden), Linear -> content_dim.
 */
public final class ContentEncoder extends LayerStack {
    public ContentEncoder(ModelConfig config, NetworkTopology topology, SplittableRandom rng) {
        super(layers(config, topology, rng));
    }

    private static Sequential layers(ModelConfig config, NetworkTopology topology, SplittableRandom rng) {
        String p = "content_encoder";
        List<Layer> l = new ArrayList<>(EncoderStack.downBlocks(p, config, topology, NormKind.INSTANCE, rng));
        int n = config.depth();
        int c = config.lastChannels();
        for (int r = 0; r < 2; r++) {
            l.add(new SpiralResBlock(p + ".res" + r, c, topology.spirals().get(n), NormKind.INSTANCE, rng));
        }
        l.add(new Flatten(config.lastVertices(), c));
        l.add(new Linear(p + ".fc0", config.lastVertices() * c, config.mlpHidden(), rng));
        l.add(new ReLU());
        l.add(new Linear(p + ".fc1", config.mlpHidden(), config.contentDim(), rng));
        return new Sequential(l);
    }

    private ContentEncoder(Sequential layers) {
        super(layers);
    }

    @Override
    public ContentEncoder replica() {
        return new ContentEncoder(layers.replica());
    }
}
