package org.ftgan.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
