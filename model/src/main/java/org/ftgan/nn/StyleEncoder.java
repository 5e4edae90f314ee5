package org.ftgan.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Style encoder Es: meshes [B, V0, 3] -> style codes [B, style_dim]. Down-sampling SpiralBlocks without
 * norm, mean over vertices, Linear(ch[n-1] -> styleHidden) -> ReLU -> Linear(-> style_dim).
 */
public final class StyleEncoder extends LayerStack {
    public StyleEncoder(ModelConfig config, NetworkTopology topology, SplittableRandom rng) {
        super(layers(config, topology, rng));
    }

    private static Sequential layers(ModelConfig config, NetworkTopology topology, SplittableRandom rng) {
        String p = "style_encoder";
        List<Layer> l = new ArrayList<>(EncoderStack.downBlocks(p, config, topology, NormKind.NONE, rng));
        l.add(new MeanOverVertices());
        l.add(new Linear(p + ".fc0", config.lastChannels(), config.styleHidden(), rng));
        l.add(new ReLU());
        l.add(new Linear(p + ".fc1", config.styleHidden(), config.styleDim(), rng));
        return new Sequential(l);
    }

    private StyleEncoder(Sequential layers) {
        super(layers);
    }

    @Override
    public StyleEncoder replica() {
        return new StyleEncoder(layers.replica());
    }
}
