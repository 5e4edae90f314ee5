package org.ftgan.mesh;

/**
 * The length unit a face mesh is most likely stored in, guessed from its size: a human head is
 * about 0.2-0.3 m across, so the diagonal of its bounding box tells metres (CoMA), centimetres or
 * millimetres (FaceScape) apart.
 */
public enum LengthUnit {
    METRES(1000.0), CENTIMETRES(10.0), MILLIMETRES(1.0);

    private final double toMillimetres;

    LengthUnit(double toMillimetres) {
        this.toMillimetres = toMillimetres;
    }

    /** Factor that converts a length in this unit to millimetres. */
    public double toMillimetres() {
        return toMillimetres;
    }

    /**
     * Guess from the bounding-box diagonal: under 3 (a 3 m face is implausible) means metres,
     * under 60 (60 mm is smaller than any face) means centimetres, otherwise millimetres.
     */
    public static LengthUnit guessFromDiagonal(double diagonal) {
        if (diagonal < 3.0) {
            return METRES;
        }
        if (diagonal < 60.0) {
            return CENTIMETRES;
        }
        return MILLIMETRES;
    }
}
