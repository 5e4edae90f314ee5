package org.ftgan.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code ftgan bench NAME [ARGS...]}: runs one of the benchmark programs of {@code org.ftgan.bench}
 * or, for the platform, of {@code org.ftgan.worker.bench} (their figures go to benchmarks/RESULTS.md).
 * Benchmarks are programs, not tests: the machines are shared and noisy, so each prints medians and
 * ranges of repeated runs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run a benchmark program (org.ftgan.bench, org.ftgan.worker.bench); arguments after NAME go to it (see its class javadoc)."})
final class BenchCommand implements Callable<Integer> {
    static final Map<String, String> BENCHMARKS = new TreeMap<>(Map.ofEntries(
            Map.entry("api", "org.ftgan.api.bench.ApiBench"),
            Map.entry("topology", "org.ftgan.bench.TopologyBench"),
            Map.entry("hierarchy", "org.ftgan.bench.HierarchyBench"),
            Map.entry("spirals", "org.ftgan.bench.SpiralBench"),
            Map.entry("mesh-io", "org.ftgan.bench.MeshIoBench"),
            Map.entry("synthetic", "org.ftgan.bench.SyntheticBench"),
            Map.entry("synthetic-floor", "org.ftgan.bench.SyntheticFloorBench"),
            Map.entry("losses", "org.ftgan.bench.LossBench"),
            Map.entry("prepare", "org.ftgan.bench.PrepareBench"),
            Map.entry("modules", "org.ftgan.bench.ModuleBench"),
            Map.entry("module-memory", "org.ftgan.bench.ModuleMemoryBench"),
            Map.entry("evaluation", "org.ftgan.bench.EvaluationBench"),
            Map.entry("inference", "org.ftgan.bench.InferenceBench"),
            Map.entry("evaluation-during-training", "org.ftgan.bench.EvaluationDuringTrainingBench"),
            Map.entry("train-step", "org.ftgan.bench.TrainStepBench"),
            Map.entry("train-memory", "org.ftgan.bench.TrainMemoryBench"),
            Map.entry("roofline", "org.ftgan.bench.RooflineBench"),
            Map.entry("kernel-memory", "org.ftgan.bench.KernelMemoryBench"),
            Map.entry("platform", "org.ftgan.worker.bench.PlatformBench"),
            Map.entry("early-stopping", "org.ftgan.worker.bench.EarlyStoppingBench"),
            Map.entry("search", "org.ftgan.worker.bench.SearchBench")));

    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = Names.class, description = "one of: ${COMPLETION-CANDIDATES}")
    String name;

    /** Everything after NAME, options included, belongs to the benchmark program. */
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String className = BENCHMARKS.get(name);
        if (className == null) {
            throw new IllegalArgumentException("unknown benchmark '" + name + "'; known: " + String.join(", ", BENCHMARKS.keySet()));
        }
        Method main = Class.forName(className).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args.toArray(new String[0]));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        return 0;
    }

    static final class Names extends ArrayList<String> {
        Names() {
            super(BENCHMARKS.keySet());
        }
    }
}
