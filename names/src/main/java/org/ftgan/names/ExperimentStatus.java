package org.ftgan.names;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Lifecycle of an experiment; stored lower-case in experiments.status. Its external form is {@link #dbName()} (also its
 * {@link #toString()}): the lower-case string that PostgreSQL stores, the API sends, the dashboard's
 * generated constants hold, and that Temporal payloads carry (the JSON string recorded histories hold
 * from when statuses went through activities as strings; the workflows module's Jackson module maps
 * it, so this module needs no Jackson).
 */
public enum ExperimentStatus implements Status {
    SUBMITTED, PREPARING, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** Every value's {@link #dbName()}, in declaration order (the order the dashboard shows them in). */
    public static final List<String> NAMES = Arrays.stream(values()).map(ExperimentStatus::dbName).toList();

    @Override
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** {@link #dbName()}, so that a status in a message or a string reads as it is stored. */
    @Override
    public String toString() {
        return dbName();
    }

    /** The status whose {@link #dbName()} is {@code s}. */
    public static ExperimentStatus fromDb(String s) {
        for (ExperimentStatus v : values()) {
            if (v.dbName().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown experiment status '" + s + "'");
    }
}
