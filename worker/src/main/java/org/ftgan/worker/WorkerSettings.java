package org.ftgan.worker;

import java.nio.file.Path;
import java.util.List;
import org.ftgan.workflows.TaskQueues;

/**
 * Where a worker connects and what it takes on.
 *
 * @param temporalTarget host:port of the Temporal frontend
 * @param namespace      Temporal namespace
 * @param queues         activity task queues to poll besides {@link TaskQueues#WORKFLOWS} (cpu, gpu)
 * @param slots          activities run at once per queue (a GPU worker: one per device)
 * @param artifacts      the artifact store root (shared filesystem when workers are on several machines)
 * @param dbUrl          JDBC URL of the PostgreSQL records
 * @param dbUser         its user
 * @param dbPassword     its password
 */
public record WorkerSettings(String temporalTarget, String namespace, List<String> queues, int slots, Path artifacts,
                             String dbUrl, String dbUser, String dbPassword) {
    public WorkerSettings {
        queues = List.copyOf(queues);
        for (String q : queues) {
            if (!q.equals(TaskQueues.CPU) && !q.equals(TaskQueues.GPU)) {
                throw new IllegalArgumentException("unknown task queue \"" + q + "\": expected cpu or gpu");
            }
        }
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, got " + slots);
        }
    }
}
