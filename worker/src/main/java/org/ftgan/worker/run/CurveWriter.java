package org.ftgan.worker.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ftgan.records.CurvePoint;
import org.ftgan.records.RecordsUnavailableException;
import org.ftgan.train.LossTerms;
import org.ftgan.train.TrainingProgress;
import org.ftgan.workflows.PlatformRecords;

/**
 * Stores a run's training curve and progress as the trainer reports them. While PostgreSQL is
 * unreachable (restarting) the points wait in memory and training goes on; they are written,
 * idempotently keyed by step, as soon as it answers again. At the end of an attempt
 * {@link #flush(Duration)} waits a bounded time for the database before failing the attempt.
 */
final class CurveWriter {
    private final PlatformRecords records;
    private final String runId;
    private final List<CurvePoint> pending = new ArrayList<>();
    private long lastStep;
    private long totalSteps;
    private String lastCheckpoint;

    CurveWriter(PlatformRecords records, String runId) {
        this.records = records;
        this.runId = runId;
    }

    void add(TrainingProgress p) {
        double[] values = LossTerms.values(p.meanLosses());
        Map<String, Double> terms = new LinkedHashMap<>();
        for (int k = 0; k < values.length; k++) {
            terms.put(LossTerms.NAMES.get(k), values[k]);
        }
        pending.add(new CurvePoint(p.step(), p.epoch(), p.samplesPerSecond(), p.elapsedSeconds(), terms));
        lastStep = p.step();
        totalSteps = p.totalSteps();
        tryFlush();
    }

    void checkpointed(long step, String checkpoint) {
        lastCheckpoint = checkpoint;
        lastStep = Math.max(lastStep, step);
    }

    /** Writes what is pending; false (and nothing lost) when the database is unreachable. */
    boolean tryFlush() {
        try {
            if (!pending.isEmpty()) {
                records.curves().upsert(runId, pending);
                pending.clear();
            }
            records.runs().updateProgress(runId, lastStep, totalSteps > 0 ? totalSteps : null, lastCheckpoint);
            return true;
        } catch (RecordsUnavailableException e) {
            return false;
        }
    }

    /** Keeps trying for up to {@code patience}; then the attempt fails and Temporal retries it. */
    void flush(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!tryFlush()) {
            if (System.nanoTime() > deadline) {
                throw new RecordsUnavailableException("PostgreSQL stayed unreachable for " + patience.toSeconds()
                        + " s while storing the curve of run " + runId + " (" + pending.size() + " points pending)", null);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RecordsUnavailableException("interrupted while storing the curve of run " + runId, e);
            }
        }
    }
}
