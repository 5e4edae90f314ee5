package org.ftgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ftgan.mesh.MeshShapes;
import org.ftgan.nn.ModelConfig;
import org.ftgan.topology.HierarchyBuilder;
import org.ftgan.topology.TemplateTopology;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Training iterations on a real template topology (an icosphere's quadric hierarchy and spirals), in float. */
class TemplateTrainingTest {
    @Test
    void iterationsOnARealHierarchyStayFiniteAndMoveTheParameters() {
        DataType previous = Nd4j.dataType();
        DataType previousFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        try {
            TemplateTopology template = TemplateTopology.of(HierarchyBuilder.build(MeshShapes.icosphere(2), new int[] {4, 4}), 9, 1);
            int[] v = template.vertexCounts();
            ModelConfig config = new ModelConfig("icosphere", List.of(v[0], v[1], v[2]), List.of(8, 16), 4, 4, 32, 16,
                    List.of(16), 3, 9);
            FaceTuneGanModel model = FaceTuneGanModel.create(config, TemplateTraining.networkTopology(template), 1,
                    Adam.Settings.defaults());
            TrainingStep step = new TrainingStep(model, LossWeights.defaults(), TemplateTraining.laplacian(template));
            assertEquals(v[0], TemplateTraining.laplacian(template).vertexCount());
            INDArray before = model.generatorParameters().get(0).value().dup();
            for (int i = 0; i < 3; i++) {
                INDArray x = TestArrays.gaussian(10 + i, DataType.FLOAT, 2, v[0], 3);
                INDArray s = TestArrays.gaussian(20 + i, DataType.FLOAT, 2, v[0], 3);
                TrainingLosses l = step.run(x, s, new int[] {i % 3, 2});
                assertTrue(Double.isFinite(l.generator()) && Double.isFinite(l.discriminator()), l.toString());
                assertTrue(l.laplacian() > 0 && l.r1() > 0, l.toString());
            }
            assertNotEquals(before, model.generatorParameters().get(0).value());
        } finally {
            Nd4j.setDefaultDataTypes(previous, previousFloat);
        }
    }
}
