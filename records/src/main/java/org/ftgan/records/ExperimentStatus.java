package org.ftgan.records;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Lifecycle of an experiment; stored lower-case in experiments.status. */
public enum ExperimentStatus {
    SUBMITTED, PREPARING, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /**
     * Also its JSON (workflow activity arguments and results): the lower-case strings that recorded
     * histories hold from when statuses went through activities as strings.
     */
    @JsonValue
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    @JsonCreator
    public static ExperimentStatus fromDb(String s) {
        for (ExperimentStatus v : values()) {
            if (v.dbName().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown experiment status '" + s + "'");
    }
}
