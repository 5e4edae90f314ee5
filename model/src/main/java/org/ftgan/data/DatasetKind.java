package org.ftgan.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The source datasets the preparer understands, with the unit their files are stored in.
 *
 * <p>{@code coma} and {@code synthetic} share the CoMA layout (root/subject/expression/*.ply
 * sequences, in metres); {@code facescape} is root/subject/models_reg/k_expression.obj, one scan
 * per expression, in millimetres.
 */
public enum DatasetKind {
    COMA("coma", "m", 1000.0),
    SYNTHETIC("synthetic", "m", 1000.0),
    FACESCAPE("facescape", "mm", 1.0);

    private final String id;
    private final String sourceUnit;
    private final double scaleToMm;

    DatasetKind(String id, String sourceUnit, double scaleToMm) {
        this.id = id;
        this.sourceUnit = sourceUnit;
        this.scaleToMm = scaleToMm;
    }

    /** The name used on the command line and in the manifest. */
    public String id() {
        return id;
    }

    /** The unit of the source files ("m" or "mm"). */
    public String sourceUnit() {
        return sourceUnit;
    }

    /** Factor from source units to the millimetres stored in a prepared dataset. */
    public double scaleToMm() {
        return scaleToMm;
    }

    /** True for the kinds stored as frame sequences (peak selection applies). */
    public boolean isSequenceLayout() {
        return this != FACESCAPE;
    }

    public static DatasetKind parse(String name) {
        for (DatasetKind k : values()) {
            if (k.id.equals(name.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown dataset kind '" + name + "', expected one of "
                + Arrays.stream(values()).map(DatasetKind::id).collect(Collectors.joining(", ")));
    }
}
