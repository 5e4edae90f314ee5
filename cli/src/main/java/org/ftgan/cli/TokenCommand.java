package org.ftgan.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ftgan.records.ApiTokenRecords;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.ftgan.records.RecordsUnavailableException;
import org.ftgan.workflows.PlatformDefaults;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ftgan token create|revoke}: bearer tokens of the HTTP API, in the records database of a
 * data dir ({@code ftgan up}'s embedded PostgreSQL, started for the occasion when it is not
 * running) or of a PostgreSQL given by URL.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Create or revoke tokens of the HTTP API (writes need one: Authorization: Bearer <token>).",
        subcommands = {TokenCommand.Create.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the records are: a data dir, or a PostgreSQL URL. */
    static final class Target {
        @Option(names = "--data", description = "data dir of `ftgan up` (default ${sys:user.home}/.ftgan)")
        Path data;

        @ArgGroup(exclusive = false)
        Remote remote;
    }

    /** A PostgreSQL reached by URL, as the api and worker commands take it. */
    static final class Remote {
        @Option(names = "--db", required = true, description = "PostgreSQL JDBC URL")
        String url;

        @Option(names = "--db-user", description = "PostgreSQL user (default ${DEFAULT-VALUE})", defaultValue = "postgres")
        String user;

        @Option(names = "--db-password", description = "PostgreSQL password (env FTGAN_DB_PASSWORD)",
                defaultValue = "${env:FTGAN_DB_PASSWORD:-}")
        String password;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token; it is printed once, on the last line, and cannot be shown again.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "who or what the token is for (unique)")
        String name;

        @ArgGroup(exclusive = true)
        Target target;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            String token = withRecords(target, out, records -> records.create(name));
            out.println("token '" + name + "' created; it is shown once, keep it (send it as Authorization: Bearer <token>):");
            out.println(token);
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token; requests with it are refused (403) from now on.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "the token's name")
        String name;

        @ArgGroup(exclusive = true)
        Target target;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (!withRecords(target, out, records -> records.revoke(name))) {
                throw new IllegalArgumentException("no active token named '" + name + "'");
            }
            out.println("token '" + name + "' revoked");
            out.flush();
            return 0;
        }
    }

    /** The PostgreSQL on the embedded port may be another data dir's: a token there would not be seen. */
    private static void requireDataDir(Database db, Path cluster, int port) {
        String served = db.inTransaction(c -> {
            try (java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SHOW data_directory")) {
                rs.next();
                return rs.getString(1);
            }
        });
        if (!realPath(Path.of(served)).equals(realPath(cluster))) {
            throw new IllegalArgumentException("the PostgreSQL on port " + port
                    + " serves " + served + ", not " + cluster + "; stop it or pass that data dir with --data");
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private interface TokenWork<T> {
        T run(ApiTokenRecords records);
    }

    /**
     * Runs {@code work} on the token records of the target. A data dir's embedded PostgreSQL is
     * used where `ftgan up` runs it; when nothing answers on its port it is started on the data dir
     * for this command and stopped again.
     */
    private static <T> T withRecords(Target target, PrintWriter out, TokenWork<T> work) {
        if (target != null && target.remote != null) {
            try (Database db = Database.connect(target.remote.url, target.remote.user, target.remote.password)) {
                db.migrate();
                return work.run(new ApiTokenRecords(db));
            }
        }
        Path data = (target != null && target.data != null ? target.data
                : Path.of(System.getProperty("user.home"), ".ftgan")).toAbsolutePath().normalize();
        // the stack on this data dir may run PostgreSQL on another port (ftgan up --postgres-port)
        int port;
        try {
            port = EmbeddedDatabase.runningPort(data.resolve("postgres")).orElse(PlatformDefaults.EMBEDDED_POSTGRES_PORT);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the PostgreSQL pid file of " + data, e);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedDatabase.DATABASE;
        try (Database db = Database.connect(url, EmbeddedDatabase.USER, "")) {
            requireDataDir(db, data.resolve("postgres").resolve("pgdata"), port);
            db.migrate();
            return work.run(new ApiTokenRecords(db));
        } catch (RecordsUnavailableException notRunning) {
            out.println("ftgan token: starting the embedded PostgreSQL of " + data);
            try (EmbeddedDatabase postgres = EmbeddedDatabase.start(data.resolve("postgres"),
                    PlatformDefaults.EMBEDDED_POSTGRES_PORT);
                 Database db = Database.connect(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
                db.migrate();
                return work.run(new ApiTokenRecords(db));
            }
        }
    }
}
