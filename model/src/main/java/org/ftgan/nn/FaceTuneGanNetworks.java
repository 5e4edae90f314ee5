package org.ftgan.nn;

import java.util.SplittableRandom;

/**
 * The four trainable networks of FaceTuneGAN on one topology. Each draws its initial weights from its
 * own split of {@code new SplittableRandom(seed)}, split in the order Ec, Es, Dec (with M), D.
 */
public record FaceTuneGanNetworks(ModelConfig config, ContentEncoder contentEncoder, StyleEncoder styleEncoder,
                                  DecoderWithMapping decoder, Discriminator discriminator) {
    public static FaceTuneGanNetworks create(ModelConfig config, NetworkTopology topology, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom ec = root.split();
        SplittableRandom es = root.split();
        SplittableRandom dec = root.split();
        SplittableRandom d = root.split();
        return new FaceTuneGanNetworks(config, new ContentEncoder(config, topology, ec), new StyleEncoder(config, topology, es),
                new DecoderWithMapping(config, topology, dec), new Discriminator(config, topology, d));
    }
}
