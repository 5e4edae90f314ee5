package org.ftgan.train;

import java.util.Arrays;
import java.util.List;

/**
 * What the feature-matching loss L_feat compares of the discriminator's feature layer Df
 * ({@code loss.feature_pooling} in a run config).
 *
 * <p>MODEL.md and the paper's Eq. 9 compare the flattened layer, {@link #FLATTENED}: every vertex's
 * features at the coarsest level, so the transfer's target Df(s) carries the geometry of the style
 * sample's subject as well as its expression. FUNIT, which the paper follows, compares the features
 * averaged over positions ({@code feat.mean(3).mean(2)} in FUNIT's trainer): {@link #VERTEX_MEAN}
 * averages them over the vertices, keeping each channel's mean and dropping where on the face it sits.
 */
public enum FeaturePooling {
    /** MODEL.md: mean |Df(a) - Df(b)| over the flattened [V_n x ch] features (the default). */
    FLATTENED("flattened"),
    /** FUNIT: mean |pool(Df(a)) - pool(Df(b))| with pool the mean over the V_n vertices, per channel. */
    VERTEX_MEAN("vertex_mean");

    private final String id;

    FeaturePooling(String id) {
        this.id = id;
    }

    /** The name a run config uses. */
    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(FeaturePooling::id).toList();
    }

    /** The pooling named {@code id}; IllegalArgumentException naming the choices otherwise. */
    public static FeaturePooling parse(String id) {
        for (FeaturePooling p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected one of " + ids() + ", got \"" + id + "\"");
    }
}
