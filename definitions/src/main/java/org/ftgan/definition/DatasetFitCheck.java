package org.ftgan.definition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticFaceTemplate;
import org.ftgan.mesh.Mesh;
import org.ftgan.topology.HierarchyBuilder;
import org.ftgan.topology.MeshReport;
import org.ftgan.topology.UnreachableLevelException;

/**
 * What the runs ask of their dataset, checked before any run starts where the definition alone
 * settles it: a synthetic set's template is known from the definition, so every distinct
 * {@code topology.factors} of the runs is built on it (the mesh-reduction limits — a triangle per
 * connected component, open boundaries — are the simplifier's own, not an estimate); and the
 * evaluation's transfer triplets need two subjects sharing an expression. CoMA and FaceScape
 * templates are read by the worker, which fails such a run as non-retryable InvalidConfig.
 */
final class DatasetFitCheck {
    /** Largest synthetic template whose hierarchy is built while validating (about a second at 26k vertices). */
    static final int MAX_BUILT_VERTICES = 30_000;
    private static final int MAX_VERDICTS = 256;
    private static final Map<List<Object>, Optional<String>> VERDICTS = new ConcurrentHashMap<>();

    private DatasetFitCheck() {
    }

    /**
     * @param runsByFactors the runs' distinct factor lists, each with the keys of the runs that use it
     * @param sweepSize     runs in the sweep (run keys are only named when there is more than one)
     */
    static void check(DatasetSpec dataset, Map<List<Integer>, List<String>> runsByFactors, long sweepSize,
                      List<Problem> problems) {
        if (dataset == null || dataset.kind() != DatasetKind.SYNTHETIC) {
            return;
        }
        SyntheticDatasetSpec synth = dataset.synth();
        if (synth.subjects() < 2) {
            problems.add(new Problem("dataset.synth.subjects", "is " + synth.subjects() + ", but the evaluation's transfer"
                    + " triplets need two subjects with the same expression; give at least 2"));
        }
        if (synth.vertices() > MAX_BUILT_VERTICES || runsByFactors.isEmpty()) {
            return;
        }
        Map<String, List<String>> runsByProblem = new LinkedHashMap<>();
        runsByFactors.forEach((factors, runs) -> hierarchyProblem(synth.vertices(), factors)
                .ifPresent(message -> runsByProblem.computeIfAbsent(message, k -> new ArrayList<>()).addAll(runs)));
        runsByProblem.forEach((message, runs) -> problems.add(new Problem("topology.factors",
                sweepSize > 1 ? message + " " + RunKeys.describe(runs) : message)));
    }

    /**
     * Why the factors cannot be built on the synthetic template of about {@code vertices} vertices, if
     * they cannot. Kept per (vertices, factors): the dashboard validates as the user types, and a
     * 5,000-vertex hierarchy takes a few tenths of a second to build.
     */
    static Optional<String> hierarchyProblem(int vertices, List<Integer> factors) {
        List<Object> key = List.of(vertices, factors);
        Optional<String> known = VERDICTS.get(key);
        if (known != null) {
            return known;
        }
        Mesh template = SyntheticFaceTemplate.create(vertices).mesh();
        Optional<String> verdict;
        try {
            HierarchyBuilder.build(template, factors.stream().mapToInt(Integer::intValue).toArray());
            verdict = Optional.empty();
        } catch (UnreachableLevelException e) {
            verdict = Optional.of(factors + " cannot be built on the synthetic template of " + template.vertexCount()
                    + " vertices in " + MeshReport.of(template).components() + " connected components: " + e.getMessage());
        }
        if (VERDICTS.size() >= MAX_VERDICTS) {
            VERDICTS.clear();
        }
        VERDICTS.put(key, verdict);
        return verdict;
    }
}
