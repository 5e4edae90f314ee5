package org.ftgan.names;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Lifecycle of a run; stored lower-case in runs.status. Its external form is {@link #dbName()} (also its
 * {@link #toString()}): the lower-case string that PostgreSQL stores, the API sends, the dashboard's
 * generated constants hold, and that Temporal payloads carry (the JSON string recorded histories hold
 * from when statuses went through activities as strings; the workflows module's Jackson module maps
 * it, so this module needs no Jackson). {@code stopped_early}: the sweep's early stopping
 * ({@code sweep.early_stopping}) judged the run at a rung and stopped it; its figures so far, its best
 * checkpoint and its last checkpoint are kept. It is terminal and not a failure.
 */
public enum RunStatus implements Status {
    QUEUED, RUNNING, EVALUATING, SUCCEEDED, FAILED, CANCELLED, STOPPED_EARLY;

    /** Every value's {@link #dbName()}, in declaration order (the order the dashboard shows them in). */
    public static final List<String> NAMES = Arrays.stream(values()).map(RunStatus::dbName).toList();

    @Override
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == STOPPED_EARLY;
    }

    /** {@link #dbName()}, so that a status in a message or a string reads as it is stored. */
    @Override
    public String toString() {
        return dbName();
    }

    /** The status whose {@link #dbName()} is {@code s}. */
    public static RunStatus fromDb(String s) {
        for (RunStatus v : values()) {
            if (v.dbName().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown run status '" + s + "'");
    }
}
