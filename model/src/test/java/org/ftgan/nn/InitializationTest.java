package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class InitializationTest {
    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        ModelConfig tiny = ModelConfig.tiny();
        NetworkTopology topology = RandomTopology.generate(tiny, 1);
        List<Parameter> a = FaceTuneGanNetworks.create(tiny, topology, 7).decoder().parameters();
        List<Parameter> b = FaceTuneGanNetworks.create(tiny, topology, 7).decoder().parameters();
        List<Parameter> c = FaceTuneGanNetworks.create(tiny, topology, 8).decoder().parameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).name(), b.get(i).name());
            assertEquals(a.get(i).value(), b.get(i).value(), a.get(i).name());
        }
        assertNotEquals(a.get(0).value(), c.get(0).value());
    }

    @Test
    void spiralConvIsKaimingUniformWithZeroBiasAndLinearIsTorchDefault() {
        SplittableRandom rng = new SplittableRandom(3);
        SpiralConv conv = new SpiralConv("conv", 64, 128, RandomTopology.spirals(10, 9, rng), rng);
        double bound = Math.sqrt(6.0 / (9 * 64));
        INDArray w = conv.weight().value();
        assertTrue(w.amaxNumber().doubleValue() <= bound);
        // U(-b, b) has standard deviation b / sqrt 3; 73,728 draws pin it to well under 1%
        assertEquals(bound / Math.sqrt(3), w.stdNumber().doubleValue(), 0.01 * bound);
        assertEquals(0.0, conv.bias().value().amaxNumber().doubleValue(), 0.0);
        Linear fc = new Linear("fc", 400, 300, rng);
        double linearBound = 1.0 / Math.sqrt(400);
        assertTrue(fc.weight().value().amaxNumber().doubleValue() <= linearBound);
        assertTrue(fc.bias().value().amaxNumber().doubleValue() <= linearBound);
        assertEquals(linearBound / Math.sqrt(3), fc.weight().value().stdNumber().doubleValue(), 0.01 * linearBound);
        assertEquals(List.of("conv.weight", "conv.bias"), conv.parameters().stream().map(Parameter::name).toList());
    }
}
