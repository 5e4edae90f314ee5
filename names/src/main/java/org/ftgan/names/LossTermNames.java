package org.ftgan.names;

import java.util.List;
import java.util.Locale;

/**
 * The trainer's loss terms: their names (the trainer's CSV header, {@code org.ftgan.train.LossTerms}'
 * component order) and their keys (lower case: the curves table's columns, the API's curve fields and
 * metric names, the dashboard's series).
 */
public final class LossTermNames {
    /** Loss-term names, in the trainer's component order. */
    public static final List<String> NAMES = List.of("L_rec", "L_cycle", "L_srec", "L_adv", "L_feat", "L_lap", "L_G",
            "D_real", "D_fake", "R1", "L_D");
    /** The generator's terms (the first seven of {@link #NAMES}); the rest are the discriminator's. */
    public static final List<String> GENERATOR = NAMES.subList(0, 7);
    /** The keys of {@link #NAMES}, in the same order. */
    public static final List<String> KEYS = NAMES.stream().map(LossTermNames::key).toList();

    private LossTermNames() {
    }

    /** The key of a term name ({@code L_rec} to {@code l_rec}). */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
