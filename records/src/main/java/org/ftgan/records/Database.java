package org.ftgan.records;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.DriverManager;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The platform's PostgreSQL database: a connection pool ({@link PoolSettings}), the Flyway
 * migrations and transactions. Failures caused by the server being away surface as
 * {@link RecordsUnavailableException}; the pool drops dead connections and opens new ones once
 * the server is back, so a retry after a restart succeeds without reconnecting by hand. A caller
 * that waits too long for a connection while every connection is busy gets
 * {@link RecordsOverloadedException} instead: the server answers, this process asks too much of it.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final PoolSettings settings;

    private Database(HikariDataSource pool, PoolSettings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    /**
     * Opens a pool of {@link PoolSettings#SMALL} and checks that the server answers.
     *
     * @throws RecordsUnavailableException if PostgreSQL cannot be reached now
     */
    public static Database connect(String jdbcUrl, String user, String password) {
        return connect(jdbcUrl, user, password, PoolSettings.SMALL);
    }

    /**
     * Opens a pool of the given size and connection wait, and checks that the server answers.
     *
     * @throws RecordsUnavailableException if PostgreSQL cannot be reached now
     */
    public static Database connect(String jdbcUrl, String user, String password, PoolSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ftgan-records");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(settings.size());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(settings.connectionWait().toMillis());
        config.setAutoCommit(true);
        try {
            return new Database(new HikariDataSource(config), settings);
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
     * A new connection outside the pool, to the same server as the same user: for a session that
     * lasts as long as the process (LISTEN), which must not hold one of the pool's connections.
     * The caller closes it.
     */
    public Connection openUnpooled() throws SQLException {
        return DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }

    public PoolSettings poolSettings() {
        return settings;
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
     * @throws RecordsOverloadedException if every connection stayed busy for the pool's connection wait (retry later)
     * @throws RecordsUnavailableException if the server is away (nothing was committed, retry)
     * @throws RecordsException for any other SQL failure
     */
    public <T> T inTransaction(SqlWork<T> work) {
        SQLException firstFailure = null;
        for (int attempt = 1; ; attempt++) {
            try (Connection c = connection()) {
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

    /**
     * A pooled connection. Hikari reports a wait that timed out the same way whether the server is
     * away or every connection is lent out; a pool holding all its connections, none idle, was
     * busy, not cut off (a dead server's connections fail and leave the pool).
     */
    private Connection connection() throws SQLException {
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            HikariPoolMXBean state = pool.getHikariPoolMXBean();
            if (state != null && state.getTotalConnections() >= settings.size() && state.getIdleConnections() == 0) {
                throw new RecordsOverloadedException("all " + settings.size() + " records connections stayed busy for "
                        + settings.connectionWait().toMillis() + " ms", e);
            }
            throw e;
        }
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
