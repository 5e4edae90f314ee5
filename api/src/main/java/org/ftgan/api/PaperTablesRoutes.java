package org.ftgan.api;

import io.javalin.config.RoutesConfig;
import org.ftgan.api.cache.Answer;
import org.ftgan.api.cache.Scope;
import org.ftgan.api.query.PaperTablesAnswer;
import org.ftgan.definition.PaperDefinitions;
import org.ftgan.records.Database;

/**
 * GET /api/tables: the paper's tables from the shipped definitions (experiments/paper/*.yaml), with
 * the figures of what was submitted beside the published ones: answers on an empty database too.
 */
final class PaperTablesRoutes implements ApiRoutes {
    private final PaperTablesAnswer tables;
    private final CachedReads reads;

    PaperTablesRoutes(Database db, CachedReads reads) {
        // read once: the definitions are part of this build
        this.tables = new PaperTablesAnswer(db, PaperDefinitions.load());
        this.reads = reads;
    }

    @Override
    public void register(RoutesConfig routes) {
        // spans experiments (any submitted reproduction or stand-in changes it)
        routes.get("/api/tables", ctx -> reads.send(ctx, () -> Answer.json(tables.tables().toString(), Scope.EVERYTHING)));
    }
}
