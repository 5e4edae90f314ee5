package org.ftgan.records;

import java.util.Locale;

/** What an artifact file is; stored lower-case in artifacts.kind. */
public enum ArtifactKind {
    CHECKPOINT, ERROR_MAP, EVALUATION, DATASET, REPORT;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ArtifactKind fromDb(String s) {
        for (ArtifactKind v : values()) {
            if (v.dbName().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown artifact kind '" + s + "'");
    }
}
