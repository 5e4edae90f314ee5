package org.ftgan.referencecheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ftgan.nn.Parameter;
import org.ftgan.train.FaceTuneGanModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parameters written as one .npy file per parameter ({@code NAME.npy}, Java layout), as the reference
 * trainer writes them: loaded into a model of the same config, every file checked for its shape.
 */
public final class ReferenceParameters {
    private ReferenceParameters() {
    }

    /** Assigns every generator and discriminator parameter of {@code model} from {@code dir}/NAME.npy. */
    public static void load(FaceTuneGanModel model, Path dir) throws IOException {
        List<Parameter> all = new ArrayList<>(model.generatorParameters());
        all.addAll(model.discriminatorParameters());
        for (Parameter p : all) {
            Path file = dir.resolve(p.name() + ".npy");
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + ": missing (every parameter of the model needs its .npy file)");
            }
            INDArray a;
            try {
                a = Nd4j.createFromNpyFile(file.toFile());
            } catch (RuntimeException e) {
                throw new IOException(file + ": not a readable .npy array: " + e.getMessage(), e);
            }
            if (!Arrays.equals(a.shape(), p.value().shape())) {
                throw new IOException(file + ": shape " + Arrays.toString(a.shape()) + ", the model's " + p.name() + " has "
                        + Arrays.toString(p.value().shape()));
            }
            p.value().assign(a.castTo(p.value().dataType()));
        }
    }
}
