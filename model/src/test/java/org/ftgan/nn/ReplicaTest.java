package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The composites' replica() is written by hand (each is its constructor applied to its children's
 * replicas): every network's replica, under every AdaIN placement, has the very Parameter objects of
 * the original, in the same order, and is a different module.
 */
class ReplicaTest {
    @ParameterizedTest
    @EnumSource(AdainPlacement.class)
    void replicasShareEveryParameterInOrder(AdainPlacement placement) {
        ModelConfig config = ModelConfig.tiny().withAdain(placement);
        FaceTuneGanNetworks n = FaceTuneGanNetworks.create(config, RandomTopology.generate(config, 2), 1);
        for (Module m : List.of(n.contentEncoder(), n.styleEncoder(), n.decoder(), n.decoder().decoder(),
                n.decoder().mapping(), n.discriminator())) {
            Module twin = m.replica();
            assertNotSame(m, twin);
            assertEquals(m.getClass(), twin.getClass());
            List<Parameter> original = m.parameters();
            List<Parameter> shared = twin.parameters();
            assertEquals(original.size(), shared.size(), m.getClass().getSimpleName());
            for (int i = 0; i < original.size(); i++) {
                assertSame(original.get(i), shared.get(i), m.getClass().getSimpleName() + " parameter " + i);
            }
        }
    }
}
