package org.ftgan.records;

import java.time.Duration;

/**
 * How many PostgreSQL connections a process keeps and how long a caller waits for one.
 * Workers run one activity at a time per slot and need few ({@link #SMALL}); the HTTP API serves
 * many clients at once and needs more ({@link #API}), but every process's pool counts against the
 * server's max_connections, so the size is bounded.
 *
 * @param size           connections at most, {@value #MIN_SIZE}..{@value #MAX_SIZE}
 * @param connectionWait how long a caller waits for a free connection, at least 250 ms (Hikari's floor)
 */
public record PoolSettings(int size, Duration connectionWait) {
    /** Flyway's migration holds one connection and its lock a second. */
    public static final int MIN_SIZE = 2;
    public static final int MAX_SIZE = 200;
    /** Activities and the CLI: a few connections keep PostgreSQL's limit far away. */
    public static final PoolSettings SMALL = new PoolSettings(4, Duration.ofSeconds(5));
    /**
     * The HTTP API: enough connections that queries of many clients overlap in PostgreSQL; a short
     * wait, so that a request queued behind too many others is refused quickly (503 overloaded)
     * rather than answered late.
     */
    public static final PoolSettings API = new PoolSettings(16, Duration.ofSeconds(2));

    public PoolSettings {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("records pool size: " + size + " is not between " + MIN_SIZE + " and " + MAX_SIZE
                    + " (migrations need two connections)");
        }
        if (connectionWait == null || connectionWait.toMillis() < 250) {
            throw new IllegalArgumentException("records pool connection wait: " + connectionWait
                    + " is shorter than the 250 ms the pool supports");
        }
    }
}
