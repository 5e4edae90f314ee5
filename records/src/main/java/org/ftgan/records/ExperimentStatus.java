package org.ftgan.records;

import java.util.Locale;

/** Lifecycle of an experiment; stored lower-case in experiments.status. */
public enum ExperimentStatus {
    SUBMITTED, PREPARING, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    public static ExperimentStatus fromDb(String s) {
        for (ExperimentStatus v : values()) {
            if (v.dbName().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown experiment status '" + s + "'");
    }
}
