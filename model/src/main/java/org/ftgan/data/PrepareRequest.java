package org.ftgan.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to prepare: {@code ftgan data prepare --kind K --root DIR --out DIR [--seed S]
 * [--peaks FILE] [--template FILE] [--exclude FILE]}.
 *
 * @param kind         source layout and unit
 * @param root         source dataset directory
 * @param out          prepared dataset directory (created or replaced as a whole)
 * @param seed         seed of the train/test split
 * @param peaksFile    per-sequence peak overrides ({@link PeakOverrides}), or null; sequence kinds only
 * @param templateFile template mesh, or null for root/template.ply, root/template.obj, else the first source file
 * @param excludeFile  subjects to leave out ({@link SubjectExclusions}), or null
 */
public record PrepareRequest(DatasetKind kind, Path root, Path out, long seed, Path peaksFile, Path templateFile,
                             Path excludeFile) {
    public PrepareRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(out, "out");
        if (peaksFile != null && !kind.isSequenceLayout()) {
            throw new IllegalArgumentException("--peaks applies to sequence datasets (coma, synthetic), not " + kind.id());
        }
    }

    /** Defaults: seed 0, no peaks file, automatic template, nobody excluded. */
    public static PrepareRequest of(DatasetKind kind, Path root, Path out) {
        return new PrepareRequest(kind, root, out, 0L, null, null, null);
    }

    public PrepareRequest withSeed(long newSeed) {
        return new PrepareRequest(kind, root, out, newSeed, peaksFile, templateFile, excludeFile);
    }

    public PrepareRequest withPeaksFile(Path file) {
        return new PrepareRequest(kind, root, out, seed, file, templateFile, excludeFile);
    }

    public PrepareRequest withTemplateFile(Path file) {
        return new PrepareRequest(kind, root, out, seed, peaksFile, file, excludeFile);
    }

    public PrepareRequest withExcludeFile(Path file) {
        return new PrepareRequest(kind, root, out, seed, peaksFile, templateFile, file);
    }
}
