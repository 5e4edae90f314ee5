package org.ftgan.api;

import io.javalin.config.RoutesConfig;
import org.ftgan.api.cache.Answer;
import org.ftgan.api.cache.Scope;
import org.ftgan.api.query.ReadJson;
import org.ftgan.records.Database;
import org.ftgan.records.read.ResultsTable;

/** GET /api/experiments/{id}/results-table: every run of an experiment with its swept keys and figures, in one answer. */
final class ResultsTableRoutes implements ApiRoutes {
    private final ResultsTable table;
    private final CachedReads reads;

    ResultsTableRoutes(Database db, CachedReads reads) {
        this.table = new ResultsTable(db);
        this.reads = reads;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/experiments/{id}/results-table", ctx -> {
            String id = ctx.pathParam("id");
            reads.send(ctx, () -> Answer.json(ReadJson.resultsTable(table.table(id)).toString(), Scope.experiment(id)));
        });
    }
}
