package org.ftgan.data.synthetic;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Named expression settings of the generator: sequence length, peak hold and identity dependence.
 * Subjects, expressions, vertices, seed and noise are not part of a preset, and any of its own
 * settings can still be given explicitly (an explicit value wins).
 */
public enum SyntheticPreset {
    /** The original generator: 41-frame sequences, a peak held for one frame, each subject's own rig. */
    DEFAULT(SyntheticDatasetSpec.DEFAULT_FRAMES, SyntheticDatasetSpec.DEFAULT_PEAK_HOLD_FRAMES,
            SyntheticDatasetSpec.DEFAULT_IDENTITY_DEPENDENCE),
    /**
     * A benchmark as hard as FaceScape's Table 4: identity-specific displacements scaled so that the
     * evaluator's blendshape baseline on peak frames is about the published 2.74 mm (measured in
     * benchmarks/RESULTS.md, "Synthetic presets: baseline and floor"), and 81-frame sequences whose
     * peaks are held for 12 frames on each side, so the preparation's ±10-frame windows stay at
     * intensity 0.95 or more instead of reaching back to neutral.
     */
    CALIBRATED(81, 12, 2.8);

    private final int frames;
    private final int peakHoldFrames;
    private final double identityDependence;

    SyntheticPreset(int frames, int peakHoldFrames, double identityDependence) {
        this.frames = frames;
        this.peakHoldFrames = peakHoldFrames;
        this.identityDependence = identityDependence;
    }

    public int frames() {
        return frames;
    }

    public int peakHoldFrames() {
        return peakHoldFrames;
    }

    public double identityDependence() {
        return identityDependence;
    }

    /** The name used in configs and on the command line: default, calibrated. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The preset of that name; the error lists the names there are. */
    public static SyntheticPreset parse(String name) {
        for (SyntheticPreset p : values()) {
            if (p.id().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown synthetic preset \"" + name + "\", expected one of " + names());
    }

    /** "default, calibrated" */
    public static String names() {
        return Arrays.stream(values()).map(SyntheticPreset::id).collect(Collectors.joining(", "));
    }

    /** A spec with this preset's expression settings. */
    public SyntheticDatasetSpec spec(int subjects, int expressions, int vertices, long seed, double frameNoiseMm) {
        return new SyntheticDatasetSpec(subjects, expressions, vertices, frames, seed, frameNoiseMm, identityDependence,
                peakHoldFrames);
    }
}
