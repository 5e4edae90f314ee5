package org.ftgan.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesTest {
    @Test
    void keysAreTheLowerCaseNamesInTheSameOrder() {
        assertEquals(List.of("l_rec", "l_cycle", "l_srec", "l_adv", "l_feat", "l_lap", "l_g", "d_real", "d_fake", "r1", "l_d"),
                LossTermNames.KEYS);
        assertEquals(List.of("e_rec", "e_id_decomp", "e_neu", "e_transfer"), FigureNames.KEYS);
        assertEquals(List.of("L_rec", "L_cycle", "L_srec", "L_adv", "L_feat", "L_lap", "L_G"), LossTermNames.GENERATOR);
    }

    @Test
    void typeScriptConstantsCarryEveryName(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("generated/names.ts");
        TypeScriptNames.main(new String[] {out.toString()});
        String ts = Files.readString(out);
        assertTrue(ts.contains("export const LOSS_TERM_KEYS = ['l_rec', 'l_cycle', 'l_srec', 'l_adv', 'l_feat', 'l_lap', 'l_g',"
                + " 'd_real', 'd_fake', 'r1', 'l_d'] as const;"), ts);
        assertTrue(ts.contains("export const FIGURES = ['E_rec', 'E_id_decomp', 'E_neu', 'E_transfer'] as const;"), ts);
        assertTrue(ts.contains("export const BLENDSHAPE = 'blendshape';"), ts);
        long modified = Files.getLastModifiedTime(out).toMillis();
        Files.setLastModifiedTime(out, java.nio.file.attribute.FileTime.fromMillis(modified - 10_000));
        TypeScriptNames.main(new String[] {out.toString()});
        assertEquals(modified - 10_000, Files.getLastModifiedTime(out).toMillis(), "an unchanged file is not rewritten");
    }

    @Test
    void statusesAreTheLowerCaseStringsStoredSentAndRecorded() {
        // runs.status and experiments.status (V1's CHECKs), the API's fields, recorded workflow histories
        assertEquals(List.of("queued", "running", "evaluating", "succeeded", "failed", "cancelled", "stopped_early"), RunStatus.NAMES);
        assertEquals(List.of("submitted", "preparing", "running", "succeeded", "failed", "cancelled"), ExperimentStatus.NAMES);
        assertEquals(List.of(RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.EVALUATING),
                java.util.Arrays.stream(RunStatus.values()).filter(Status::isActive).toList());
        assertEquals(List.of(ExperimentStatus.SUBMITTED, ExperimentStatus.PREPARING, ExperimentStatus.RUNNING),
                java.util.Arrays.stream(ExperimentStatus.values()).filter(Status::isActive).toList());
        for (RunStatus s : RunStatus.values()) {
            assertEquals(s, RunStatus.fromDb(s.dbName()));
            assertEquals(s.dbName(), s.toString());
        }
        for (ExperimentStatus s : ExperimentStatus.values()) {
            assertEquals(s, ExperimentStatus.fromDb(s.dbName()));
        }
        assertThrows(IllegalArgumentException.class, () -> RunStatus.fromDb("RUNNING"));
    }

    @Test
    void typeScriptConstantsCarryTheStatusesAndWhichAreActive(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("names.ts");
        TypeScriptNames.main(new String[] {out.toString()});
        String ts = Files.readString(out);
        assertTrue(ts.contains("export const RUN_STATUSES = ['queued', 'running', 'evaluating', 'succeeded', 'failed',"
                + " 'cancelled', 'stopped_early'] as const;\n\nexport type RunStatus = (typeof RUN_STATUSES)[number];"), ts);
        assertTrue(ts.contains("export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'evaluating'];"), ts);
        assertTrue(ts.contains("export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled', 'stopped_early'];"), ts);
        assertTrue(ts.contains("export const ACTIVE_EXPERIMENT_STATUSES: readonly ExperimentStatus[] = ['submitted', 'preparing',"
                + " 'running'];"), ts);
        assertTrue(ts.endsWith("'cancelled'];\n"), ts);
    }
}
