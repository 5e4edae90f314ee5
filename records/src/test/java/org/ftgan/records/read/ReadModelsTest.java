package org.ftgan.records.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ftgan.records.Database;
import org.ftgan.records.EmbeddedDatabase;
import org.ftgan.records.ExperimentRecords;
import org.ftgan.records.NewExperiment;
import org.ftgan.records.PlannedRun;
import org.ftgan.records.ResultRecords;
import org.ftgan.records.ResultRow;
import org.ftgan.records.RunRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read models on a real PostgreSQL: typed answers, and refusals as domain exceptions that name the field. */
class ReadModelsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static EmbeddedDatabase pg;
    static Database db;

    @BeforeAll
    static void start() {
        pg = EmbeddedDatabase.start(dir, 0);
        db = Database.connect(pg.jdbcUrl(), pg.user(), pg.password());
        db.migrate();
        new ExperimentRecords(db).insertIfAbsent(new NewExperiment("exp", "exp", "", List.of("t"), JSON.createObjectNode(),
                "name: exp\n", "h", "test"));
        List<PlannedRun> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode config = JSON.createObjectNode();
            config.putObject("loss").put("lambda_srec", 0.1 * i);
            ObjectNode overrides = JSON.createObjectNode();
            overrides.set("loss", config.get("loss").deepCopy());
            runs.add(new PlannedRun("exp-r" + i, "exp", i, "r" + i, config, overrides, "c" + i, "h", null, "v", i, 100L));
        }
        new RunRecords(db).insertIfAbsent(runs);
        new ResultRecords(db).replaceAll("exp-r1", List.of(new ResultRow("e_transfer", "facetunegan", "", 2.5, 0.1, 2.4, 10),
                new ResultRow("e_transfer", "blendshape", "", 3.0, 0.2, 2.9, 10)));
    }

    @AfterAll
    static void stop() {
        db.close();
        pg.stop();
    }

    private static RunQuery.Request request(List<ConfigCondition> where, Metric metric, RunSort sort, PageRequest page) {
        return new RunQuery.Request("exp", List.of(), where, List.of(), metric, sort, page);
    }

    @Test
    void runListsPageByKeysetAndFilterByConfig() {
        RunQuery query = new RunQuery(db);
        RunSort sort = RunSort.parse("created_at", null);
        ConfigKey srec = ConfigKey.parse("where", "loss.lambda_srec");
        RunQuery.Page first = query.list(request(List.of(new ConfigCondition(srec, "gte", "0.2")), null, sort,
                new PageRequest("created_at", "asc", 2, null)));
        assertEquals(List.of("exp-r2", "exp-r3"), first.runs().stream().map(RunQuery.Run::id).toList());
        assertNotNull(first.next());
        assertEquals("{\"loss\": {\"lambda_srec\": 0.2}}", first.runs().get(0).overridesJson());
        RunQuery.Page second = query.list(request(List.of(new ConfigCondition(srec, "gte", "0.2")), null, sort,
                new PageRequest("created_at", "asc", 2, first.next())));
        assertEquals(List.of("exp-r4"), second.runs().stream().map(RunQuery.Run::id).toList());
        assertNull(second.next());

        Metric transfer = Metric.parse("e_transfer", null);
        RunQuery.Page byMetric = query.list(request(List.of(), transfer, RunSort.parse("metric", transfer),
                new PageRequest("metric", "asc", 1, null)));
        assertEquals("exp-r1", byMetric.runs().get(0).id());
        assertEquals(2.5, byMetric.runs().get(0).metric());
    }

    @Test
    void refusalsNameTheirField() {
        RunQuery query = new RunQuery(db);
        RunSort sort = RunSort.parse("created_at", null);
        PageRequest page = new PageRequest("created_at", "asc", 10, null);
        InvalidQueryException unknownKey = assertThrows(InvalidQueryException.class, () -> query.list(request(
                List.of(new ConfigCondition(ConfigKey.parse("where", "loss.nope"), "eq", "1")), null, sort, page)));
        assertEquals("where/sort", unknownKey.field());
        assertTrue(unknownKey.getMessage().startsWith("where/sort: config key 'loss.nope' is in no run's config"), unknownKey.getMessage());

        assertEquals("sort", assertThrows(InvalidQueryException.class, () -> RunSort.parse("nope", null)).field());
        assertEquals("sort", assertThrows(InvalidQueryException.class, () -> RunSort.parse("metric", null)).field());
        assertEquals("sort", assertThrows(InvalidQueryException.class, () -> ExperimentQuery.requireSort("nope")).field());
        assertEquals("order", assertThrows(InvalidQueryException.class, () -> new PageRequest("created_at", "up", 10, null)).field());
        assertEquals("limit", assertThrows(InvalidQueryException.class, () -> new PageRequest("created_at", "asc", 0, null)).field());
        assertEquals("metric", assertThrows(InvalidQueryException.class, () -> Metric.parse("nope", null)).field());
        assertEquals("points", assertThrows(InvalidQueryException.class, () -> new RunDetail(db).describe("exp-r0", 1)).field());
        assertEquals("runs", assertThrows(InvalidQueryException.class, () -> new RunComparison(db).compare(List.of("exp-r0"))).field());

        // a position whose value does not cast to the sort's type
        InvalidQueryException cursor = assertThrows(InvalidQueryException.class, () -> query.list(request(List.of(), null, sort,
                new PageRequest("created_at", "asc", 10, new Position("not a time", "exp-r0")))));
        assertEquals("cursor", cursor.field());
    }

    @Test
    void missingThingsAreNotFound() {
        RunSort sort = RunSort.parse("created_at", null);
        NotFoundException experiment = assertThrows(NotFoundException.class, () -> new RunQuery(db).list(new RunQuery.Request(
                "nope", List.of(), List.of(), List.of(), null, sort, new PageRequest("created_at", "asc", 10, null))));
        assertEquals(List.of("no experiment with id 'nope'"), experiment.details());
        assertEquals(List.of("no run with id 'nope'"),
                assertThrows(NotFoundException.class, () -> new RunDetail(db).describe("nope", 10)).details());
        assertEquals(List.of("no run with id 'a'", "no run with id 'b'"),
                assertThrows(NotFoundException.class, () -> new RunComparison(db).compare(List.of("a", "exp-r0", "b"))).details());
        assertThrows(NotFoundException.class, () -> new ResultsTable(db).table("nope"));
        assertThrows(NotFoundException.class, () -> new ExperimentQuery(db).detail("nope"));
    }

    @Test
    void answersAreTyped() {
        ExperimentQuery.Detail detail = new ExperimentQuery(db).detail("exp");
        assertEquals(5, detail.summary().runsByStatus().values().stream().mapToInt(i -> i).sum());
        assertEquals(List.of("t"), detail.summary().tags());

        RunDetail.View run = new RunDetail(db).describe("exp-r1", 10);
        Figure transfer = run.results().overall().get("e_transfer").get("facetunegan");
        assertEquals(new Figure(2.5, 0.1, 2.4, 10), transfer);
        assertEquals(0, run.curve().loggedPoints());

        ResultsTable.Table table = new ResultsTable(db).table("exp");
        assertEquals(List.of("loss.lambda_srec"), table.configKeys());
        assertEquals(List.of("e_transfer", "e_transfer_blendshape"), table.metrics());
        assertEquals(5, table.runs().size());
        assertEquals(3.0, table.runs().get(1).metrics().get("e_transfer_blendshape"));

        RunComparison.Comparison c = new RunComparison(db).compare(List.of("exp-r0", "exp-r1"));
        assertEquals(List.of("loss.lambda_srec"), List.copyOf(c.configDifferences().keySet()));
        assertEquals(2.5, c.metrics().get("exp-r1").results().get("e_transfer").get("facetunegan").mean());
    }
}
