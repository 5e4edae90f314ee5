package org.ftgan.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ftgan.records.NewExperiment;
import org.ftgan.records.PlannedRun;
import org.ftgan.records.ResultRow;
import org.ftgan.workflows.PlatformRecords;

/**
 * A finished-looking sweep of many runs written straight through the records repositories (no
 * training): what the dashboard's runs table must stay smooth with. Three swept keys
 * (loss.lambda_srec x model.content_dim x training.seed) and every overall figure per run, drawn
 * from a fixed seed so every build sees the same numbers.
 */
final class LargeExperimentSeed {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] SREC = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    private static final int[] CONTENT_DIM = {4, 8, 16, 32};

    private LargeExperimentSeed() {
    }

    /** Inserts experiment {@code id} with {@code runs} runs and their figures; returns the id. */
    static String seed(PlatformRecords records, String id, int runs) {
        ObjectNode definition = JSON.createObjectNode().put("name", "large-sweep").put("runs", runs);
        records.experiments().insertIfAbsent(new NewExperiment(id, "large-sweep", "a seeded sweep of " + runs + " runs",
                List.of("large"), definition, "name: large-sweep\n", "hash-" + id, "test"));
        SplittableRandom random = new SplittableRandom(20261126L);
        List<PlannedRun> planned = new ArrayList<>(runs);
        List<List<ResultRow>> figures = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            double srec = SREC[i % SREC.length];
            int contentDim = CONTENT_DIM[(i / SREC.length) % CONTENT_DIM.length];
            int seed = i / (SREC.length * CONTENT_DIM.length) + 1;
            ObjectNode overrides = JSON.createObjectNode();
            overrides.putObject("loss").put("lambda_srec", srec);
            overrides.putObject("model").put("content_dim", contentDim);
            overrides.putObject("training").put("seed", seed);
            ObjectNode config = overrides.deepCopy();
            ((ObjectNode) config.get("training")).put("steps", 100);
            String runId = String.format("%s-r%05d", id, i);
            planned.add(new PlannedRun(runId, id, i, String.format("r%05d", i), config, overrides, "config-" + runId,
                    "hash-" + id, "dataset-large", "code-test", seed, 100L));
            double transfer = 1.5 + 0.8 * Math.abs(srec - 0.4) + 8.0 / contentDim * 0.1 + random.nextDouble() * 0.3;
            figures.add(List.of(
                    new ResultRow("e_rec", "facetunegan", "", 0.8 + random.nextDouble() * 0.4, 0.1, 0.9, 50),
                    new ResultRow("e_id_decomp", "facetunegan", "", 0.1 + random.nextDouble() * 0.1, 0.02, 0.12, 50),
                    new ResultRow("e_neu", "facetunegan", "", 1.8 + random.nextDouble() * 0.5, 0.2, 2.0, 50),
                    new ResultRow("e_transfer", "facetunegan", "", transfer, 0.2, transfer, 50),
                    new ResultRow("e_transfer", "blendshape", "", 1.05, 0.1, 1.05, 50)));
        }
        records.runs().insertIfAbsent(planned);
        records.experiments().setRunCount(id, runs);
        records.experiments().setDatasetHash(id, "dataset-large");
        for (int i = 0; i < runs; i++) {
            records.results().replaceAll(planned.get(i).id(), figures.get(i));
        }
        return id;
    }
}
