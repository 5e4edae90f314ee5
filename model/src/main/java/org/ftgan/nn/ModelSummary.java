package org.ftgan.nn;

/**
 * Parameter counts of a config's networks, counted on networks actually built (on a
 * {@link RandomTopology}, since counts depend only on vertex counts and channels).
 *
 * @param adainWidth N_adain, the mapping network's output width
 */
public record ModelSummary(String config, long contentEncoder, long styleEncoder, long mapping, long decoder,
                           long discriminator, int adainWidth) {
    public static ModelSummary of(ModelConfig config) {
        FaceTuneGanNetworks n = FaceTuneGanNetworks.create(config, RandomTopology.generate(config, 0), 0);
        DecoderWithMapping dec = n.decoder();
        long mapping = dec.mapping().parameterCount();
        return new ModelSummary(config.name(), n.contentEncoder().parameterCount(), n.styleEncoder().parameterCount(),
                mapping, dec.parameterCount() - mapping, n.discriminator().parameterCount(), dec.decoder().adainWidth());
    }

    /** MODEL.md's "decoder with mapping". */
    public long decoderWithMapping() {
        return decoder + mapping;
    }

    public long total() {
        return contentEncoder + styleEncoder + decoderWithMapping() + discriminator;
    }

    /** A small table for the command line. */
    public String toText() {
        return String.format("config %s%n"
                        + "  content encoder        %,12d%n"
                        + "  style encoder          %,12d%n"
                        + "  decoder with mapping   %,12d  (decoder %,d + mapping %,d; N_adain = %,d)%n"
                        + "  discriminator          %,12d%n"
                        + "  total                  %,12d%n",
                config, contentEncoder, styleEncoder, decoderWithMapping(), decoder, mapping, adainWidth, discriminator, total());
    }
}
