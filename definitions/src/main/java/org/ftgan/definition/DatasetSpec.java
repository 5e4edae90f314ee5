package org.ftgan.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Objects;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;

/**
 * The dataset of a definition: what the worker prepares before the runs.
 *
 * @param kind      synthetic, coma or facescape
 * @param root      the raw dataset directory (environment variables substituted), or null for synthetic
 * @param synth     what synthetic set to generate, or null for coma and facescape
 * @param splitSeed seed of the train/test split (PrepareRequest's seed)
 */
public record DatasetSpec(DatasetKind kind, Path root, SyntheticDatasetSpec synth, long splitSeed) {
    public DatasetSpec {
        Objects.requireNonNull(kind, "kind");
        if ((kind == DatasetKind.SYNTHETIC) != (synth != null) || (kind == DatasetKind.SYNTHETIC) == (root != null)) {
            throw new IllegalArgumentException("a synthetic dataset has synth and no root, coma and facescape a root and no synth; got "
                    + kind.id() + " with root " + root + " and synth " + synth);
        }
    }

    /** kind, root (when there is one), synth (every field, defaults filled in) and seed. */
    public ObjectNode toJson() {
        ObjectNode out = hashedJson();
        if (root != null) {
            out.put("root", root.toString());
        }
        return out;
    }

    /**
     * SHA-256 hex of the normalized dataset section without the root: with the content hash of the
     * raw data (which the worker computes) it keys the prepared-dataset cache, and leaving the path
     * out lets the same data under another directory or on another machine share it.
     */
    public String hash() {
        return CanonicalJson.sha256(hashedJson());
    }

    private ObjectNode hashedJson() {
        ObjectNode out = CanonicalJson.MAPPER.createObjectNode();
        out.put("kind", kind.id());
        if (synth != null) {
            ObjectNode s = out.putObject("synth");
            s.put("subjects", synth.subjects());
            s.put("expressions", synth.expressions());
            s.put("vertices", synth.vertices());
            s.put("frames", synth.frames());
            s.put("seed", synth.seed());
            s.put("frame_noise_mm", synth.frameNoiseMm());
            if (!synth.defaultExpressionSettings()) {
                // only when set, so definitions written before these settings keep their hash (and prepared-set cache)
                s.put("identity_dependence", synth.identityDependence());
                s.put("peak_hold_frames", synth.peakHoldFrames());
            }
        }
        out.put("seed", splitSeed);
        return out;
    }
}
