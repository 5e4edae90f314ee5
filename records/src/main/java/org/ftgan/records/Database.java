package org.ftgan.records;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The platform's PostgreSQL database: a small connection pool, the Flyway migrations and
 * transactions. Failures caused by the server being away surface as
 * {@link RecordsUnavailableException}; the pool drops dead connections and opens new ones once
 * the server is back, so a retry after a restart succeeds without reconnecting by hand.
 */
public final class Database implements AutoCloseable {
    /** Activities, the API and the CLI each hold a pool; a few connections each keep PostgreSQL's limit far away. */
    private static final int POOL_SIZE = 4;
    /** How long a caller waits for a connection before the server counts as unavailable. */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Opens a pool and checks that the server answers.
     *
     * @throws RecordsUnavailableException if PostgreSQL cannot be reached now
     */
    public static Database connect(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ftgan-records");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setAutoCommit(true);
        try {
            return new Database(new HikariDataSource(config));
        } catch (HikariPool.PoolInitializationException e) {
            if (SqlFailures.isUnavailable(e)) {
                throw new RecordsUnavailableException("cannot connect to " + jdbcUrl + ": " + rootMessage(e), e);
            }
            throw new RecordsException("cannot connect to " + jdbcUrl + ": " + rootMessage(e), e);
        }
    }

    /** Applies the migrations under classpath:db/migration that are not applied yet (none: no-op). */
    public void migrate() {
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            if (SqlFailures.isUnavailable(e)) {
                throw new RecordsUnavailableException("migrating the records database: PostgreSQL is unavailable", e);
            }
            throw new RecordsException("migrating the records database: " + rootMessage(e), e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws.
     *
     * <p>Pooled connections may have been closed by the server since their last use (PostgreSQL
     * restarted) without the pool noticing: Hikari hands them out unchecked. When the work fails
     * that way, nothing was committed, so every idle connection is dropped (a restart killed them
     * all) and the work runs once more on a fresh connection. A failure at commit is not repeated,
     * since the commit may have happened. {@code work} must therefore only touch the database.
     *
     * @throws RecordsUnavailableException if the server is away (nothing was committed, retry)
     * @throws RecordsException for any other SQL failure
     */
    public <T> T inTransaction(SqlWork<T> work) {
        SQLException firstFailure = null;
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result;
                    try {
                        result = work.run(c);
                    } catch (SQLException e) {
                        rollbackQuietly(c, e);
                        if (attempt == 1 && SqlFailures.isUnavailable(e)) {
                            firstFailure = e;
                            pool.getHikariPoolMXBean().softEvictConnections();
                            continue;
                        }
                        throw e;
                    } catch (RuntimeException e) {
                        rollbackQuietly(c, e);
                        throw e;
                    }
                    c.commit();
                    return result;
                } finally {
                    restoreAutoCommit(c);
                }
            } catch (SQLException e) {
                if (firstFailure != null) {
                    e.addSuppressed(firstFailure);
                }
                throw SqlFailures.translate("records transaction failed", e);
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            // the connection is already broken: the original failure is the one to report
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // a broken connection is evicted by the pool when it is closed
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage();
    }
}
