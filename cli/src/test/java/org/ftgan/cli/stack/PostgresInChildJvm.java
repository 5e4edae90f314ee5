package org.ftgan.cli.stack;

import java.nio.file.Path;
import org.ftgan.records.EmbeddedDatabase;

/**
 * Entry point of a separate JVM for {@link EmbeddedStackTest}: starts embedded PostgreSQL on a
 * data dir's {@code postgres/}, says so, and waits to be killed (as an {@code ftgan up} is, with SIGKILL).
 */
public final class PostgresInChildJvm {
    private PostgresInChildJvm() {
    }

    /** Argument: the data dir. */
    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]).resolve("postgres"), 0, true);
        System.out.println("port " + db.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
