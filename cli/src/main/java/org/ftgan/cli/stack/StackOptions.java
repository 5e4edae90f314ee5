package org.ftgan.cli.stack;

import java.nio.file.Path;

/**
 * What {@code ftgan up} starts.
 *
 * @param dataDir        PostgreSQL's data, Temporal's SQLite file, the artifact store and logs
 * @param apiPort        HTTP port (0: any free one)
 * @param postgresPort   embedded PostgreSQL's port (0: any free one)
 * @param temporalTarget an existing Temporal frontend (host:port), or null to start the dev server
 * @param temporalPort   the dev server's port (0: any free one)
 * @param temporalUiPort its Web UI's port (0: no UI)
 * @param quickstart     the definition submitted on a fresh data dir, or null for none
 * @param projectRoot    where tools/install-temporal lives (null: not in a checkout)
 * @param slots          the worker's activities at once per queue: how many runs train at once
 *                       (with an experiment's {@code sweep.max_parallel})
 */
public record StackOptions(Path dataDir, int apiPort, int postgresPort, String temporalTarget, int temporalPort,
                           int temporalUiPort, Path quickstart, Path projectRoot, int slots) {
    public StackOptions {
        if (slots < 1) {
            throw new IllegalArgumentException("--slots must be at least 1, got " + slots);
        }
    }

    /** With {@link #defaultSlots()}. */
    public StackOptions(Path dataDir, int apiPort, int postgresPort, String temporalTarget, int temporalPort,
                        int temporalUiPort, Path quickstart, Path projectRoot) {
        this(dataDir, apiPort, postgresPort, temporalTarget, temporalPort, temporalUiPort, quickstart, projectRoot,
                defaultSlots());
    }

    /**
     * One training slot per core: each attempt spreads its batch over the cores, so more slots than
     * cores only time-share them.
     */
    public static int defaultSlots() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
