package org.ftgan.worker.temporal;

import java.nio.file.Path;

/**
 * Entry point of a separate JVM for {@link TemporalDevServerTest}: starts a dev server, prints its pid,
 * then waits on stdin without ever stopping it, so only the shutdown hook can end the server.
 */
public final class DevServerInChildJvm {

    private DevServerInChildJvm() {
    }

    /** Arguments: cli binary, db file, log file. */
    public static void main(String[] args) throws Exception {
        TemporalDevServer server = TemporalDevServer.start(Path.of(args[0]), Path.of(args[1]), "127.0.0.1", 0, 0,
                Path.of(args[2]));
        System.out.println("pid " + server.pid());
        System.out.flush();
        System.in.read();
    }
}
