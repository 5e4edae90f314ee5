package org.ftgan.records;

import java.util.Locale;

/** Lifecycle of a run; stored lower-case in runs.status. */
public enum RunStatus {
    QUEUED, RUNNING, EVALUATING, SUCCEEDED, FAILED, CANCELLED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    public static RunStatus fromDb(String s) {
        for (RunStatus v : values()) {
            if (v.dbName().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown run status '" + s + "'");
    }
}
