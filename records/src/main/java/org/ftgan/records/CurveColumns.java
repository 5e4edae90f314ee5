package org.ftgan.records;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ftgan.names.LossTermNames;

/**
 * Where the trainer's loss names ({@link LossTermNames}: its CSV header) meet the curves table's
 * columns (their keys).
 */
final class CurveColumns {
    /** Loss name to column, in the trainer's column order. */
    static final Map<String, String> TERM_TO_COLUMN;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        for (String term : LossTermNames.NAMES) {
            m.put(term, LossTermNames.key(term));
        }
        TERM_TO_COLUMN = Collections.unmodifiableMap(m);
    }

    static final List<String> TERMS = LossTermNames.NAMES;
    static final List<String> COLUMNS = LossTermNames.KEYS;

    private CurveColumns() {
    }
}
