package org.ftgan.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mapping network M: style codes [B, style_dim] -> AdaIN parameters [B, N_adain] through the config's
 * hidden layers (Linear -> ReLU each) and a last Linear without activation. The output is cut into
 * (gamma, beta) per AdaIN layer by {@link Decoder}.
 */
public final class MappingNetwork extends LayerStack {
    private final int outputWidth;

    public MappingNetwork(ModelConfig config, int adainWidth, SplittableRandom rng) {
        this(layers(config, adainWidth, rng), adainWidth);
    }

    private static Sequential layers(ModelConfig config, int adainWidth, SplittableRandom rng) {
        List<Layer> l = new ArrayList<>();
        int in = config.styleDim();
        for (int i = 0; i < config.mappingHidden().size(); i++) {
            int h = config.mappingHidden().get(i);
            l.add(new Linear("mapping.fc" + i, in, h, rng));
            l.add(new ReLU());
            in = h;
        }
        l.add(new Linear("mapping.fc" + config.mappingHidden().size(), in, adainWidth, rng));
        return new Sequential(l);
    }

    private MappingNetwork(Sequential layers, int outputWidth) {
        super(layers);
        this.outputWidth = outputWidth;
    }

    @Override
    public MappingNetwork replica() {
        return new MappingNetwork(layers.replica(), outputWidth);
    }

    public int outputWidth() {
        return outputWidth;
    }
}
