package org.ftgan.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reference's Decoder: the mapping network M turns style codes into AdaIN parameters, the
 * {@link Decoder} turns content codes into meshes with them. Dec(c, s) of MODEL.md.
 */
public final class DecoderWithMapping extends Module {
    private final Decoder decoder;
    private final MappingNetwork mapping;

    /** Draws the decoder's weights, then the mapping's, from {@code rng} (the reference's order). */
    public DecoderWithMapping(ModelConfig config, NetworkTopology topology, SplittableRandom rng) {
        this.decoder = new Decoder(config, topology, rng);
        this.mapping = new MappingNetwork(config, decoder.adainWidth(), rng);
    }

    private DecoderWithMapping(Decoder decoder, MappingNetwork mapping) {
        this.decoder = decoder;
        this.mapping = mapping;
    }

    /** The decoder's parameters, then the mapping's. */
    @Override
    protected List<Module> children() {
        return List.of(decoder, mapping);
    }

    @Override
    public DecoderWithMapping replica() {
        return new DecoderWithMapping(decoder.replica(), mapping.replica());
    }

    public Decoder decoder() {
        return decoder;
    }

    public MappingNetwork mapping() {
        return mapping;
    }

    /**
     * @param content [B, content_dim]
     * @param style   [B, style_dim]
     * @return meshes [B, V0, 3], owned by this object
     */
    public INDArray forward(INDArray content, INDArray style) {
        return decoder.forward(content, mapping.forward(style));
    }

    /** dL/d content and dL/d style of the last forward; parameter gradients are added to the Parameters. */
    public Gradients backward(INDArray gradMeshes) {
        Decoder.Gradients g = decoder.backward(gradMeshes);
        return new Gradients(g.content(), mapping.backward(g.adainParams()));
    }

    /**
     * @param content dL/d content [B, content_dim]
     * @param style   dL/d style [B, style_dim]
     */
    public record Gradients(INDArray content, INDArray style) {
    }
}
