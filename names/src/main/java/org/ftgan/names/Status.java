package org.ftgan.names;

/**
 * A lifecycle status: of a run ({@link RunStatus}) or of an experiment ({@link ExperimentStatus}).
 * An event row holds one or the other (a run's event a run status, an experiment's an experiment
 * status). Every status has one external form, {@link #dbName()}: the lower-case string stored in
 * PostgreSQL, sent by the API, carried as JSON through Temporal (see {@code PlatformDataConverter}
 * in the workflows module) and generated into the dashboard's constants ({@link TypeScriptNames}).
 */
public sealed interface Status permits RunStatus, ExperimentStatus {
    /** The external form: the constant's name in lower case ({@code "evaluating"}). */
    String dbName();

    /** True when nothing will change it again (succeeded, failed, cancelled). */
    boolean isTerminal();

    /** True while it may still change: the opposite of {@link #isTerminal()} (what the dashboard keeps watching). */
    default boolean isActive() {
        return !isTerminal();
    }

    /**
     * The status an event row holds: a run's ({@link RunStatus#fromDb}) when the event is about a run,
     * else the experiment's ({@link ExperimentStatus#fromDb}).
     */
    static Status ofEvent(boolean aboutRun, String dbName) {
        return aboutRun ? RunStatus.fromDb(dbName) : ExperimentStatus.fromDb(dbName);
    }
}
