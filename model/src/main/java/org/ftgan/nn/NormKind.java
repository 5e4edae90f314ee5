package org.ftgan.nn;

/** The normalisation of a spiral block: none, instance norm, or adaptive instance norm. */
public enum NormKind {
    NONE, INSTANCE, ADAIN;

    /** Parses MODEL.md's names: {@code none}, {@code in}, {@code adain}. */
    public static NormKind parse(String name) {
        return switch (name) {
            case "none" -> NONE;
            case "in" -> INSTANCE;
            case "adain" -> ADAIN;
            default -> throw new IllegalArgumentException("unknown norm '" + name + "', expected none, in or adain");
        };
    }

    /** A new norm of this kind for {@code channels} channels ({@link InstanceNorm} or {@link AdaIN}), or null for NONE. */
    Module create(int channels) {
        return switch (this) {
            case NONE -> null;
            case INSTANCE -> new InstanceNorm();
            case ADAIN -> new AdaIN(channels);
        };
    }
}
