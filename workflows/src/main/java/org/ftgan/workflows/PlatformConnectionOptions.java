package org.ftgan.workflows;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a platform process finds Temporal, PostgreSQL and the artifact store: the options (and
 * environment variables, see {@link PlatformDefaults}) that `ftgan worker` and `ftgan api` share.
 */
public final class PlatformConnectionOptions {
    @Option(names = "--temporal", description = "Temporal frontend host:port (env FTGAN_TEMPORAL; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_TEMPORAL:-127.0.0.1:7233}")
    public String temporal;

    @Option(names = "--namespace", description = "Temporal namespace (env FTGAN_NAMESPACE; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_NAMESPACE:-default}")
    public String namespace;

    @Option(names = "--artifacts", description = "artifact store directory, shared by all workers (env FTGAN_ARTIFACTS; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_ARTIFACTS:-${sys:user.home}/.ftgan/artifacts}")
    public Path artifacts;

    @Option(names = "--db", description = "PostgreSQL JDBC URL (env FTGAN_DB_URL; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_DB_URL:-jdbc:postgresql://127.0.0.1:54329/ftgan}")
    public String db;

    @Option(names = "--db-user", description = "PostgreSQL user (env FTGAN_DB_USER; default ${DEFAULT-VALUE})",
            defaultValue = "${env:FTGAN_DB_USER:-postgres}")
    public String dbUser;

    @Option(names = "--db-password", description = "PostgreSQL password (env FTGAN_DB_PASSWORD)",
            defaultValue = "${env:FTGAN_DB_PASSWORD:-}")
    public String dbPassword;
}
