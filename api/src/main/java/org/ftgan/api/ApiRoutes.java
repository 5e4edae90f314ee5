package org.ftgan.api;

import io.javalin.config.RoutesConfig;

/** One group of endpoints (status, queries, submissions, ...); {@link ApiServer} registers every group. */
public interface ApiRoutes {
    void register(RoutesConfig routes);
}
