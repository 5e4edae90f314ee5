package org.ftgan.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The down-sampling SpiralBlocks shared in shape by Ec, Es and D: 3 -> ch[0] -> ... -> ch[n-1]. */
final class EncoderStack {
    private EncoderStack() {
    }

    static List<Layer> downBlocks(String prefix, ModelConfig config, NetworkTopology topology, NormKind norm,
                                   SplittableRandom rng) {
        topology.requireFits(config);
        List<Layer> blocks = new ArrayList<>();
        int in = 3;
        for (int i = 0; i < config.depth(); i++) {
            blocks.add(new SpiralBlock(prefix + ".down" + i, in, config.channel(i), topology.spirals().get(i), norm, null,
                    topology.down().get(i), rng));
            in = config.channel(i);
        }
        return blocks;
    }
}
