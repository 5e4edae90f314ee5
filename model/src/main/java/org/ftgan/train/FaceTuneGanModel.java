package org.ftgan.train;

import java.util.ArrayList;
import java.util.List;
import org.ftgan.nn.FaceTuneGanNetworks;
import org.ftgan.nn.ModelConfig;
import org.ftgan.nn.NetworkTopology;
import org.ftgan.nn.Parameter;

/**
 * The four FaceTuneGAN networks with their two optimizers: one Adam over the generator's parameters
 * (content encoder, style encoder, decoder with mapping, in that order) and one over the
 * discriminator's. Parameters are in ND4J's default floating-point type at construction (FLOAT for
 * training, DOUBLE for gradient checks).
 */
public final class FaceTuneGanModel {
    private final FaceTuneGanNetworks networks;
    private final List<Parameter> generatorParameters;
    private final List<Parameter> discriminatorParameters;
    private final Adam generatorOptimizer;
    private final Adam discriminatorOptimizer;

    private FaceTuneGanModel(FaceTuneGanNetworks networks, Adam.Settings settings) {
        this.networks = networks;
        List<Parameter> g = new ArrayList<>(networks.contentEncoder().parameters());
        g.addAll(networks.styleEncoder().parameters());
        g.addAll(networks.decoder().parameters());
        this.generatorParameters = List.copyOf(g);
        this.discriminatorParameters = networks.discriminator().parameters();
        this.generatorOptimizer = new Adam(generatorParameters, settings);
        this.discriminatorOptimizer = new Adam(discriminatorParameters, settings);
    }

    /** Networks initialized from {@code seed} (see {@link FaceTuneGanNetworks#create}), Adam with {@code settings} for both. */
    public static FaceTuneGanModel create(ModelConfig config, NetworkTopology topology, long seed, Adam.Settings settings) {
        if (config == null || topology == null || settings == null) {
            throw new IllegalArgumentException("FaceTuneGanModel needs a config, a topology and Adam settings");
        }
        topology.requireFits(config);
        return new FaceTuneGanModel(FaceTuneGanNetworks.create(config, topology, seed), settings);
    }

    /** Networks initialized from the run's {@link RunRandom#INIT} stream, MODEL.md's Adam defaults. */
    public static FaceTuneGanModel create(ModelConfig config, NetworkTopology topology, RunRandom random) {
        return create(config, topology, random.stream(RunRandom.INIT).nextLong(), Adam.Settings.defaults());
    }

    public ModelConfig config() {
        return networks.config();
    }

    public FaceTuneGanNetworks networks() {
        return networks;
    }

    /** Ec, Es, then Dec with M: the parameters the generator step updates. */
    public List<Parameter> generatorParameters() {
        return generatorParameters;
    }

    public List<Parameter> discriminatorParameters() {
        return discriminatorParameters;
    }

    public Adam generatorOptimizer() {
        return generatorOptimizer;
    }

    public Adam discriminatorOptimizer() {
        return discriminatorOptimizer;
    }
}
