package org.ftgan.worker.experiment;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ftgan.data.DatasetException;
import org.ftgan.data.PrepareListener;
import org.ftgan.definition.ExperimentDefinition;
import org.ftgan.records.ArtifactKind;
import org.ftgan.records.ExperimentRow;
import org.ftgan.records.ResultRow;
import org.ftgan.records.RunRow;
import org.ftgan.worker.ActivityHeartbeat;
import org.ftgan.worker.FailureTypes;
import org.ftgan.worker.LongActivities;
import org.ftgan.worker.RoutineFailures;
import org.ftgan.worker.bookkeeping.BookkeepingActivitiesImpl;
import org.ftgan.workflows.PlatformRecords;
import org.ftgan.workflows.experiment.ExperimentActivities;
import org.ftgan.workflows.experiment.PreparedDatasetRef;

/** See {@link ExperimentActivities}. */
public class ExperimentActivitiesImpl implements ExperimentActivities {
    private final PlatformRecords records;
    private final DatasetCache datasets;
    /** This worker's long activities, told to stop when it shuts down. */
    private final LongActivities running;

    public ExperimentActivitiesImpl(PlatformRecords records, LongActivities running) {
        this.records = records;
        this.datasets = new DatasetCache(records.store());
        this.running = running;
    }

    @Override
    public PreparedDatasetRef prepareDataset(String experimentId) {
        ExperimentDefinition definition = BookkeepingActivitiesImpl.storedDefinition(records, experimentId);
        ActivityExecutionContext ctx = Activity.getExecutionContext();
        PreparedDatasetRef ref;
        try (ActivityHeartbeat<String> beat = running.start(ctx, "preparing")) {
            // the preparer reports about twice a second while it reads: where to end when cancelled
            PrepareListener progress = p -> {
                beat.throwIfStopped("the preparation of " + experimentId + "'s dataset stopped while " + p.phase());
                beat.update(p.phase() + " " + p.filesDone() + "/" + p.filesTotal() + " files");
            };
            ref = datasets.prepare(definition.dataset(), progress, (written, total) -> beat.throwIfStopped(
                    "the synthetic set of " + experimentId + " stopped after " + written + " of " + total + " frames"));
            beat.throwIfStopped("the dataset of " + experimentId + " was prepared but not recorded");
        } catch (DatasetException e) {
            // the raw data is wrong: preparing it again cannot help
            throw RoutineFailures.nonRetryable(e.getMessage(), FailureTypes.BAD_DATA);
        } catch (IOException e) {
            throw new UncheckedIOException("preparing the dataset of " + experimentId + ": " + e.getMessage(), e);
        }
        records.experiments().setDatasetHash(experimentId, ref.contentHash());
        try {
            records.artifacts().upsert(experimentId, null, ArtifactKind.DATASET, records.store().describe(
                    records.store().resolve(ref.path() + "/manifest.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ref;
    }

    @Override
    public void writeReport(String experimentId) {
        ExperimentDefinition definition = BookkeepingActivitiesImpl.storedDefinition(records, experimentId);
        ExperimentRow experiment = records.experiments().find(experimentId).orElseThrow();
        List<RunRow> runs = records.runs().listByExperiment(experimentId);
        Map<String, List<ResultRow>> results = new LinkedHashMap<>();
        ExperimentReport report;
        // a report reads one row set per run: seconds for most sweeps, longer for thousands of runs
        try (ActivityHeartbeat<String> beat = running.start(Activity.getExecutionContext(), "reading runs")) {
            for (RunRow run : runs) {
                beat.throwIfStopped("the report of " + experimentId + " stopped after " + results.size() + " runs");
                beat.update("reading runs: " + results.size() + "/" + runs.size());
                results.put(run.id(), records.results().list(run.id()));
            }
            report = ExperimentReport.of(experiment, definition.published(), runs, results);
            beat.throwIfStopped("the report of " + experimentId + " stopped before it was written");
        }
        try {
            for (String[] file : new String[][] {{"report.json", report.jsonText()}, {"report.md", report.markdown()}}) {
                String relative = "experiments/" + experimentId + "/" + file[0];
                records.artifacts().upsert(experimentId, null, ArtifactKind.REPORT, records.store().describe(
                        records.store().write(relative, file[1].getBytes(StandardCharsets.UTF_8))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the report of " + experimentId + ": " + e.getMessage(), e);
        }
    }
}
