package org.ftgan.eval;

/**
 * Which samples the identity-decomposition subjects and the neutralization / transfer triplets are
 * drawn from. Reconstruction is always measured on the test split (Eq. 11).
 */
public enum SamplePool {
    /**
     * Test split only (MODEL.md: "Evaluation (test split ...)"). Every sample of a triplet is a test
     * sample, so nothing the network was trained on is scored. On a per-scan split such as
     * FaceScape's (10% of scans) few subjects have both a neutral and an expression in the test
     * split, so few combinations are eligible.
     */
    TEST,
    /**
     * Every sample of the dataset, train and test. Departs from MODEL.md; for datasets whose test
     * split has too few complete (subject, neutral, expression) cells.
     */
    ALL;

    /** Lower-case name, as written in the result JSON. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
