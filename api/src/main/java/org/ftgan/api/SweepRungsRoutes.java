package org.ftgan.api;

import io.javalin.config.RoutesConfig;
import org.ftgan.api.cache.Answer;
import org.ftgan.api.cache.Scope;
import org.ftgan.api.query.ReadJson;
import org.ftgan.records.Database;
import org.ftgan.records.read.SweepRungs;

/**
 * GET /api/experiments/{id}/rungs: what early stopping decided (which run stopped at which rung, on what
 * figure, against what cut-off; which went on), the best figure so far over time and over the steps
 * spent, and the steps trained against the full budget.
 */
final class SweepRungsRoutes implements ApiRoutes {
    private final SweepRungs rungs;
    private final CachedReads reads;

    SweepRungsRoutes(Database db, CachedReads reads) {
        this.rungs = new SweepRungs(db);
        this.reads = reads;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/experiments/{id}/rungs", ctx -> {
            String id = ctx.pathParam("id");
            reads.send(ctx, () -> Answer.json(ReadJson.sweepRungs(rungs.read(id)).toString(), Scope.experiment(id)));
        });
    }
}
