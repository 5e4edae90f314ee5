package org.ftgan.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ftgan.data.Manifest;
import org.ftgan.data.PreparedDataset;

/**
 * Which samples of a prepared dataset are peak frames: for CoMA-layout sets (coma, synthetic) the
 * frame the preparation chose as the peak of its class in its sequence (manifest "peaks"), one per
 * sequence and side; FaceScape has one scan per expression, so each of its scans is its own peak.
 * Neutral samples are never peaks.
 */
final class PeakSamples {
    private PeakSamples() {
    }

    /** isPeak[i] for every sample i. */
    static boolean[] of(PreparedDataset data) {
        Manifest m = data.manifest();
        Set<String> peaks = new HashSet<>();
        List<Manifest.SequencePeaks> sequences = m.peaks() == null ? List.of() : m.peaks();
        for (Manifest.SequencePeaks s : sequences) {
            for (Manifest.PeakInfo p : s.peaks()) {
                peaks.add(key(s.subject(), s.sequence(), p.expression(), p.frame()));
            }
        }
        boolean[] out = new boolean[data.sampleCount()];
        for (int i = 0; i < out.length; i++) {
            Manifest.SampleEntry e = m.sampleList().get(i);
            if (data.classIndex(i) == 0) {
                continue;
            }
            out[i] = e.frame() == null || peaks.contains(key(e.subject(), e.sequence(), e.expression(), e.frame()));
        }
        return out;
    }

    private static String key(String subject, String sequence, String expression, int frame) {
        return subject + '\u0000' + sequence + '\u0000' + expression + '\u0000' + frame;
    }
}
