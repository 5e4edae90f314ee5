package org.ftgan.workflows;

import java.util.List;

/**
 * Names of the environment variables the platform's processes read, and the default ports, task queues
 * and namespace they use. {@code docker-compose.yml} at the repository root must agree with these
 * (checked by {@code DockerComposeTest}); the CLI's {@code api}, {@code worker} and {@code up} commands
 * read the same names.
 */
public final class PlatformDefaults {

    /** JDBC URL of the records database, e.g. {@code jdbc:postgresql://postgres:5432/ftgan}. */
    public static final String ENV_DB_URL = "FTGAN_DB_URL";
    /** User name for the records database. */
    public static final String ENV_DB_USER = "FTGAN_DB_USER";
    /** Password for the records database. */
    public static final String ENV_DB_PASSWORD = "FTGAN_DB_PASSWORD";
    /** Temporal frontend as {@code host:port}. */
    public static final String ENV_TEMPORAL = "FTGAN_TEMPORAL";
    /** Temporal namespace the workflows run in. */
    public static final String ENV_NAMESPACE = "FTGAN_NAMESPACE";
    /** Directory (or volume mount) of the artifact store. */
    public static final String ENV_ARTIFACTS = "FTGAN_ARTIFACTS";
    /** Comma-separated task queues a worker polls, e.g. {@code cpu,gpu}. */
    public static final String ENV_QUEUES = "FTGAN_QUEUES";
    /** Number of activities a worker runs at once. */
    public static final String ENV_SLOTS = "FTGAN_SLOTS";
    /** Port the HTTP API listens on. */
    public static final String ENV_API_PORT = "FTGAN_API_PORT";
    /** Address the HTTP API binds (127.0.0.1 unless set; a container sets 0.0.0.0 to publish its port). */
    public static final String ENV_API_HOST = "FTGAN_API_HOST";

    /** Every environment variable name above, in declaration order. */
    public static final List<String> ENVIRONMENT_VARIABLES = List.of(
            ENV_DB_URL, ENV_DB_USER, ENV_DB_PASSWORD, ENV_TEMPORAL, ENV_NAMESPACE,
            ENV_ARTIFACTS, ENV_QUEUES, ENV_SLOTS, ENV_API_PORT, ENV_API_HOST);

    /** HTTP API port. */
    public static final int API_PORT = 7070;
    /** Temporal frontend gRPC port. */
    public static final int TEMPORAL_PORT = 7233;
    /** Temporal Web UI port (the dev server's default: gRPC port + 1000). */
    public static final int TEMPORAL_UI_PORT = 8233;
    /** PostgreSQL port of the compose deployment. */
    public static final int POSTGRES_PORT = 5432;
    /**
     * PostgreSQL port of the embedded stack ({@code ftgan up}); not 5432 so that it does not collide with
     * a PostgreSQL already running on the machine.
     */
    public static final int EMBEDDED_POSTGRES_PORT = 54329;

    /** Task queue of the workflows (orchestration only, no heavy work). */
    public static final String WORKFLOW_TASK_QUEUE = "workflows";
    /** Task queue of activities that run on CPU workers. */
    public static final String CPU_TASK_QUEUE = "cpu";
    /** Task queue of activities that want a GPU worker. */
    public static final String GPU_TASK_QUEUE = "gpu";
    /** Temporal namespace; the dev server creates it on start. */
    public static final String NAMESPACE = "default";

    private PlatformDefaults() {
    }
}
