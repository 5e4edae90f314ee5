package org.ftgan.nn;

import java.util.List;

/**
 * The numbers that size a FaceTuneGAN network (MODEL.md's config table; the reference's CONFIGS).
 *
 * @param name             preset name or a user's label
 * @param verticesPerLevel vertex count of each mesh level, level 0 the full mesh (one more than channels)
 * @param channels         encoder channels ch[0..n-1], one per down-sampling block
 * @param contentDim       content code size (Ec's output)
 * @param styleDim         style code size (Es's output)
 * @param mlpHidden        hidden width of the content encoder's MLP
 * @param styleHidden      hidden width of the style encoder's MLP (128 in MODEL.md and the reference)
 * @param mappingHidden    hidden widths of the mapping network M
 * @param classes          style classes, one discriminator logit each
 * @param spiralLength     SpiralConv neighbourhood length L
 * @param adain            which decoder blocks take the style through AdaIN (MODEL.md: {@link AdainPlacement#COARSE})
 */
public record ModelConfig(String name, List<Integer> verticesPerLevel, List<Integer> channels, int contentDim,
                          int styleDim, int mlpHidden, int styleHidden, List<Integer> mappingHidden, int classes,
                          int spiralLength, AdainPlacement adain) {
    public static final List<String> PRESETS = List.of("coma", "facescape", "tiny");

    public ModelConfig {
        verticesPerLevel = List.copyOf(verticesPerLevel);
        channels = List.copyOf(channels);
        mappingHidden = List.copyOf(mappingHidden);
        if (channels.size() < 2) {
            throw new IllegalArgumentException("config " + name + ": channels needs at least 2 entries, got " + channels);
        }
        if (verticesPerLevel.size() != channels.size() + 1) {
            throw new IllegalArgumentException("config " + name + ": expected " + (channels.size() + 1)
                    + " vertex counts (one per level, channels + 1), got " + verticesPerLevel);
        }
        requirePositive(name, "verticesPerLevel", verticesPerLevel);
        requirePositive(name, "channels", channels);
        requirePositive(name, "mappingHidden", mappingHidden);
        requirePositive(name, "contentDim/styleDim/mlpHidden/styleHidden/classes/spiralLength",
                List.of(contentDim, styleDim, mlpHidden, styleHidden, classes, spiralLength));
        if (adain == null) {
            throw new IllegalArgumentException("config " + name + ": adain placement is required");
        }
    }

    /** MODEL.md's AdaIN placement ({@link AdainPlacement#COARSE}). */
    public ModelConfig(String name, List<Integer> verticesPerLevel, List<Integer> channels, int contentDim, int styleDim,
                       int mlpHidden, int styleHidden, List<Integer> mappingHidden, int classes, int spiralLength) {
        this(name, verticesPerLevel, channels, contentDim, styleDim, mlpHidden, styleHidden, mappingHidden, classes,
                spiralLength, AdainPlacement.COARSE);
    }

    /** This config with the style entering the decoder at {@code placement}. */
    public ModelConfig withAdain(AdainPlacement placement) {
        return new ModelConfig(name, verticesPerLevel, channels, contentDim, styleDim, mlpHidden, styleHidden, mappingHidden,
                classes, spiralLength, placement);
    }

    /** CoMA: 5023 vertices, 4 down-sampling levels. */
    public static ModelConfig coma() {
        return new ModelConfig("coma", List.of(5023, 1256, 314, 79, 20), List.of(32, 64, 128, 128), 4, 4, 256, 128,
                List.of(128, 128, 16), 17, 9);
    }

    /** FaceScape: 26,317 vertices, 5 down-sampling levels. */
    public static ModelConfig facescape() {
        return new ModelConfig("facescape", List.of(26317, 6580, 1645, 412, 103, 26), List.of(32, 64, 64, 128, 128), 20, 5,
                256, 128, List.of(256, 256, 256, 256, 256, 256, 16), 20, 9);
    }

    /** A small network for tests: an icosphere-sized mesh, 2 levels. */
    public static ModelConfig tiny() {
        return new ModelConfig("tiny", List.of(642, 162, 42), List.of(16, 32), 4, 4, 64, 128, List.of(32, 16), 5, 9);
    }

    public static ModelConfig preset(String name) {
        return switch (name) {
            case "coma" -> coma();
            case "facescape" -> facescape();
            case "tiny" -> tiny();
            default -> throw new IllegalArgumentException("unknown model config '" + name + "', expected one of " + PRESETS);
        };
    }

    /** Number of down-sampling steps n (levels 0..n). */
    public int depth() {
        return channels.size();
    }

    public int vertices(int level) {
        return verticesPerLevel.get(level);
    }

    public int channel(int i) {
        return channels.get(i);
    }

    /** Channels of the deepest level, ch[n-1]. */
    public int lastChannels() {
        return channels.get(channels.size() - 1);
    }

    /** Vertices of the deepest level, V_n. */
    public int lastVertices() {
        return verticesPerLevel.get(verticesPerLevel.size() - 1);
    }

    private static void requirePositive(String config, String field, List<Integer> values) {
        for (int v : values) {
            if (v < 1) {
                throw new IllegalArgumentException("config " + config + ": " + field + " must be positive, got " + values);
            }
        }
    }
}
