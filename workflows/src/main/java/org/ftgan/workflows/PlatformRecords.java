package org.ftgan.workflows;

import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.records.ArtifactRecords;
import org.ftgan.records.CurveRecords;
import org.ftgan.records.Database;
import org.ftgan.records.EvaluationCurveRecords;
import org.ftgan.records.EventRecords;
import org.ftgan.records.ExperimentRecords;
import org.ftgan.records.ResultRecords;
import org.ftgan.records.RunRecords;

/** The PostgreSQL repositories and the artifact store that activities (and the submitter) write to. */
public record PlatformRecords(Database db, ArtifactStore store, ExperimentRecords experiments, RunRecords runs,
                              CurveRecords curves, EvaluationCurveRecords evaluationCurves, ResultRecords results,
                              ArtifactRecords artifacts, EventRecords events) {

    public static PlatformRecords of(Database db, ArtifactStore store) {
        return new PlatformRecords(db, store, new ExperimentRecords(db), new RunRecords(db), new CurveRecords(db),
                new EvaluationCurveRecords(db), new ResultRecords(db), new ArtifactRecords(db), new EventRecords(db));
    }
}
