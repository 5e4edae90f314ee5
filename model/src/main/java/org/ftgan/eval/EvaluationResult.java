package org.ftgan.eval;

import java.util.List;
import java.util.Map;

/**
 * The figures of one evaluation (MODEL.md "Evaluation"), written as one JSON document by
 * {@link EvaluationJson}. All errors are in millimetres, after de-normalization. A figure with
 * nothing to measure (for example no eligible triplet in the pool) is {@code null}, and
 * {@code notes} says why.
 *
 * <p>JSON schema (schemaVersion 1):
 * <pre>
 * {
 *   "schemaVersion": 1,
 *   "dataset": {"directory": "name", "kind": "coma|synthetic|facescape", "contentHash": "sha256 of the
 *               preparation (manifest contentHash)", "templateHash": "...", "vertexCount": V},
 *   "seed": 0,                       // eval seed: every draw comes from SplittableRandom(seed)
 *   "pool": "test|all",              // where E_id_decomp subjects and triplets were drawn from
 *   "tripletCount": 1000,            // n requested (the drawn count is counts.triplets)
 *   "counts": {"samples": .., "testSamples": .., "poolSamples": .., "subjects": .., "expressionClasses": ..,
 *              "triplets": .., "idDecompSubjects": .., "idDecompNeutralsFromTrain": ..},
 *   "metrics": {                     // each {"n": .., "mean": .., "std": .., "median": ..} or null
 *     "reconstruction": ..,          // Eq. 11, one item per test sample
 *     "identityDecomposition": ..,   // Eq. 12, one item (sigma_c) per subject
 *     "neutralization": ..,          // Eq. 13, one item per triplet
 *     "transfer": ..,                // Eq. 14, one item per triplet
 *     "blendshapeTransfer": ..       // Table 4 baseline, the same triplets
 *   },
 *   "transferByExpression": {"smile": {"model": {stats}, "blendshape": {stats}}, ...},  // class order
 *   "identityDecompositionBySubject": [{"subject": "..", "otherSubject": "..", "otherNeutralSample": i,
 *       "otherNeutralSplit": "test|train", "samples": k, "sigmaMm": ..}, ...],
 *   "errorMaps": {"directory": "name" or null, "files": [{"kind": "reconstruction|neutralization|transfer",
 *       "file": "name.ply (relative to directory)", "subject": "..", "expression": "..", "sample": i,
 *       "styleSubject": ".." or null, "styleSample": j or null, "meanMm": .., "maxMm": ..}, ...]},
 *   "notes": ["..."],
 *   "transferAtPeaks": null, or with evaluation.peak_triplets {"triplets": .., "model": {stats}, "blendshape": {stats},
 *       "byExpression": {"smile": {"model": {stats}, "blendshape": {stats}}, ...}}   // both expressive meshes peak frames
 * }
 * </pre>
 * Directories are given by name only: the document is served by the API, and where things lie on
 * the machine that evaluated is none of a reader's business (nor true on another machine).
 * Sample indices are positions in the prepared dataset's sample list (manifest sampleList).
 */
public record EvaluationResult(int schemaVersion, DatasetInfo dataset, long seed, String pool, int tripletCount,
                               Counts counts, Metrics metrics, Map<String, ExpressionTransfer> transferByExpression,
                               List<SubjectDecomposition> identityDecompositionBySubject, ErrorMaps errorMaps,
                               List<String> notes, PeakTransfer transferAtPeaks) {
    /** The schema this class writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * @param directory    the name of the prepared dataset directory evaluated (not its path)
     * @param kind         coma, synthetic or facescape
     * @param contentHash  the manifest's contentHash (identifies the preparation)
     * @param templateHash the template's SHA-256 (positions and triangles)
     * @param vertexCount  V
     */
    public record DatasetInfo(String directory, String kind, String contentHash, String templateHash,
                              int vertexCount) {
    }

    /**
     * @param samples                   samples in the dataset
     * @param testSamples               samples in its test split (items of E_rec)
     * @param poolSamples               samples in the pool
     * @param subjects                  subjects in the dataset
     * @param expressionClasses         classes, neutral included
     * @param triplets                  triplets drawn (0 when none was eligible, else tripletCount)
     * @param idDecompSubjects          subjects measured for E_id_decomp (at least 2 pool samples)
     * @param idDecompNeutralsFromTrain subjects whose c' had no neutral in the pool, so the train split's was used
     */
    public record Counts(int samples, int testSamples, int poolSamples, int subjects, int expressionClasses,
                         int triplets, int idDecompSubjects, int idDecompNeutralsFromTrain) {
    }

    /** Each null when it had no item. */
    public record Metrics(ErrorStats reconstruction, ErrorStats identityDecomposition, ErrorStats neutralization,
                          ErrorStats transfer, ErrorStats blendshapeTransfer) {
    }

    /**
     * E_transfer and the blendshape baseline on the peak-frame triplets (evaluation.peak_triplets): the
     * same draw as the window triplets, but x_c,s and x_c',s are each the peak frame of their sequence
     * and side, so the two intensities match and no near-neutral window frame is scored.
     *
     * @param triplets     triplets drawn (0 when no class had two subjects with a neutral and a peak in the pool)
     * @param model        E_transfer over them, or null
     * @param blendshape   the blendshape baseline over them, or null
     * @param byExpression both per expression, class order
     */
    public record PeakTransfer(int triplets, ErrorStats model, ErrorStats blendshape,
                               Map<String, ExpressionTransfer> byExpression) {
    }

    /** E_transfer and the blendshape baseline over the triplets of one expression. */
    public record ExpressionTransfer(ErrorStats model, ErrorStats blendshape) {
    }

    /**
     * @param subject            c
     * @param otherSubject       c', whose neutral style was applied
     * @param otherNeutralSample the sample standing for x_c',neutral
     * @param otherNeutralSplit  "test" or "train"
     * @param samples            how many of c's pool samples were decoded
     * @param sigmaMm            sigma_c
     */
    public record SubjectDecomposition(String subject, String otherSubject, int otherNeutralSample,
                                       String otherNeutralSplit, int samples, double sigmaMm) {
    }

    /** @param directory where the files were written, or null when none were asked for */
    public record ErrorMaps(String directory, List<ErrorMapFile> files) {
    }

    /**
     * One error-map PLY: the predicted mesh in mm with a per-vertex float property "error", the
     * Euclidean distance (mm) of each vertex to the ground truth.
     *
     * @param kind         reconstruction, neutralization or transfer
     * @param file         file name inside the error-map directory
     * @param subject      subject of the ground truth
     * @param expression   expression of the ground truth
     * @param sample       ground-truth sample index
     * @param styleSubject subject whose style was applied (c'), null for reconstruction
     * @param styleSample  sample the style code came from, null for reconstruction
     * @param meanMm       mean of the error values (the AVD)
     * @param maxMm        largest error value
     */
    public record ErrorMapFile(String kind, String file, String subject, String expression, int sample,
                               String styleSubject, Integer styleSample, double meanMm, double maxMm) {
    }
}
