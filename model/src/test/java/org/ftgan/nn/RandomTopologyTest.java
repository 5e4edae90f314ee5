package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ftgan.topology.Spirals;
import org.ftgan.topology.UpSampling;
import org.junit.jupiter.api.Test;

class RandomTopologyTest {
    @Test
    void hasTheConfigsVertexCountsAndIsDeterministic() {
        ModelConfig coma = ModelConfig.coma();
        NetworkTopology t = RandomTopology.generate(coma, 42);
        t.requireFits(coma);
        for (int i = 0; i < coma.depth(); i++) {
            assertEquals(coma.vertices(i + 1), t.down().get(i).coarseCount());
            assertEquals(coma.vertices(i), t.up().get(i).fineCount());
        }
        NetworkTopology again = RandomTopology.generate(coma, 42);
        assertArrayEquals(t.spirals().get(2).indices(), again.spirals().get(2).indices());
        assertArrayEquals(t.up().get(1).weight(), again.up().get(1).weight());
    }

    @Test
    void spiralsStartAtTheVertexAndRepeatIndicesLikePaddedSpirals() {
        Spirals s = RandomTopology.generate(ModelConfig.tiny(), 1).spirals().get(0);
        int rowsWithRepeats = 0;
        for (int v = 0; v < s.vertexCount(); v++) {
            assertEquals(v, s.at(v, 0));
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int k = 0; k < s.length(); k++) {
                assertTrue(Math.abs(s.at(v, k) - v) <= 12);
                seen.add(s.at(v, k));
            }
            rowsWithRepeats += seen.size() < s.length() ? 1 : 0;
        }
        assertTrue(rowsWithRepeats > 0);
    }

    @Test
    void upSamplingWeightsSumToOne() {
        UpSampling u = RandomTopology.generate(ModelConfig.tiny(), 2).up().get(0);
        for (int f = 0; f < u.fineCount(); f++) {
            assertEquals(1.0, u.weight()[3 * f] + u.weight()[3 * f + 1] + u.weight()[3 * f + 2], 1e-6);
        }
    }

    @Test
    void topologyOfAnotherConfigIsRejected() {
        NetworkTopology t = RandomTopology.generate(ModelConfig.tiny(), 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.requireFits(ModelConfig.coma()));
        assertEquals("topology has 3 levels, config coma needs 5", e.getMessage());
    }
}
