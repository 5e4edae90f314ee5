package org.ftgan.api;

import io.javalin.config.RoutesConfig;
import org.ftgan.api.query.ResultsTable;
import org.ftgan.records.Database;

/** GET /api/experiments/{id}/results-table: every run of an experiment with its swept keys and figures, in one answer. */
final class ResultsTableRoutes implements ApiRoutes {
    private final ResultsTable table;

    ResultsTableRoutes(Database db) {
        this.table = new ResultsTable(db);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/experiments/{id}/results-table", ctx ->
                ctx.contentType("application/json").result(table.table(ctx.pathParam("id")).toString()));
    }
}
