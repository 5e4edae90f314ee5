package org.ftgan.records;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One logged training step. {@code terms} holds the loss values under the trainer's CSV names
 * (L_rec, L_cycle, L_srec, L_adv, L_feat, L_lap, L_G, D_real, D_fake, R1, L_D); a term that was not
 * computed at this step is simply absent and stored as NULL.
 */
public record CurvePoint(long step, int epoch, double samplesPerSecond, double elapsedSeconds, Map<String, Double> terms) {
    public CurvePoint {
        if (step < 0 || epoch < 0) {
            throw new IllegalArgumentException("curve point step and epoch must be >= 0, got step " + step + ", epoch " + epoch);
        }
        if (terms == null) {
            throw new IllegalArgumentException("curve point at step " + step + " needs a terms map (empty if none)");
        }
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : terms.entrySet()) {
            if (!CurveColumns.TERM_TO_COLUMN.containsKey(e.getKey())) {
                throw new IllegalArgumentException("curve point at step " + step + " has unknown term '" + e.getKey()
                        + "'; expected one of " + CurveColumns.TERMS);
            }
        }
        for (String name : CurveColumns.TERMS) {
            Double v = terms.get(name);
            if (v != null) {
                ordered.put(name, v);
            }
        }
        terms = Collections.unmodifiableMap(ordered);
    }
}
