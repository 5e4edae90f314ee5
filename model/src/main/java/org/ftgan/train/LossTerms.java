package org.ftgan.train;

import java.util.List;
import org.ftgan.names.LossTermNames;

/** The loss terms of {@link TrainingLosses} as a named vector, for means, checks and CSV columns. */
public final class LossTerms {
    /** Column names, in {@link TrainingLosses}' component order (the one list is {@link LossTermNames#NAMES}). */
    public static final List<String> NAMES = LossTermNames.NAMES;

    private LossTerms() {
    }

    public static double[] values(TrainingLosses l) {
        return new double[] {l.reconstruction(), l.cycle(), l.styleReconstruction(), l.adversarial(), l.featureMatching(),
                l.laplacian(), l.generator(), l.discriminatorReal(), l.discriminatorFake(), l.r1(), l.discriminator()};
    }

    public static TrainingLosses of(double[] v) {
        if (v.length != NAMES.size()) {
            throw new IllegalArgumentException("expected " + NAMES.size() + " loss values, got " + v.length);
        }
        return new TrainingLosses(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
    }
}
