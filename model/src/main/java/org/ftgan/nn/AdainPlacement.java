package org.ftgan.nn;

import java.util.Arrays;
import java.util.List;

/**
 * Which of the decoder's blocks the style conditions through AdaIN ({@code model.adain} in a run config).
 *
 * <p>MODEL.md's reading, {@link #COARSE}, follows FUNIT: AdaIN in the two residual blocks and the first
 * up-sampling block only, the finer blocks without norm. The paper's text says the decoder "upscales the
 * content code into a 3D geometry using SpiralBlocks that are conditioned by the style code using
 * AdaIN" and its decoder figure is an image, so {@link #ALL} (every SpiralBlock of the decoder, the
 * output SpiralConv excepted) is the other reading, kept as an option to measure. {@link #RES} is FUNIT's
 * own decoder (AdaIN residual blocks, then up-sampling without norm): the residual blocks' skips carry
 * the content's per-channel statistics past the instance norms, where an AdaIN up-sampling block
 * replaces all of them with the style's.
 */
public enum AdainPlacement {
    /** MODEL.md: residual blocks and the first up-sampling block (the default). */
    COARSE("coarse"),
    /** Every residual and up-sampling block, down to the ch0 -> ch0 block at level 0. */
    ALL("all"),
    /** The two residual blocks only (FUNIT's decoder); every up-sampling block without norm. */
    RES("res");

    private final String id;

    AdainPlacement(String id) {
        this.id = id;
    }

    /** The name a run config uses. */
    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(AdainPlacement::id).toList();
    }

    /** The placement named {@code id}; IllegalArgumentException naming the choices otherwise. */
    public static AdainPlacement parse(String id) {
        for (AdainPlacement p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected one of " + ids() + ", got \"" + id + "\"");
    }
}
