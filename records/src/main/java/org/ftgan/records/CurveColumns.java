package org.ftgan.records;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where the trainer's loss names (its CSV header, {@code org.ftgan.train.LossTerms})
 * meet the curves table's columns.
 */
final class CurveColumns {
    /** Loss name to column, in the trainer's column order. */
    static final Map<String, String> TERM_TO_COLUMN;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("L_rec", "l_rec");
        m.put("L_cycle", "l_cycle");
        m.put("L_srec", "l_srec");
        m.put("L_adv", "l_adv");
        m.put("L_feat", "l_feat");
        m.put("L_lap", "l_lap");
        m.put("L_G", "l_g");
        m.put("D_real", "d_real");
        m.put("D_fake", "d_fake");
        m.put("R1", "r1");
        m.put("L_D", "l_d");
        TERM_TO_COLUMN = Collections.unmodifiableMap(m);
    }

    static final List<String> TERMS = List.copyOf(TERM_TO_COLUMN.keySet());
    static final List<String> COLUMNS = List.copyOf(TERM_TO_COLUMN.values());

    private CurveColumns() {
    }
}
