package org.ftgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    @Test
    void numbersInNamesCompareByValue() {
        List<String> names = new ArrayList<>(List.of("frame10.ply", "frame2.ply", "10", "9", "100", "b", "a",
                "bareteeth.000012.ply", "bareteeth.000002.ply", "frame02.ply"));
        names.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("9", "10", "100", "a", "b", "bareteeth.000002.ply", "bareteeth.000012.ply",
                "frame02.ply", "frame2.ply", "frame10.ply"), names);
    }

    @Test
    void orderIsTotal() {
        assertNotEquals(0, NaturalOrder.INSTANCE.compare("a01", "a1"));
        assertEquals(-Integer.signum(NaturalOrder.INSTANCE.compare("a01", "a1")),
                Integer.signum(NaturalOrder.INSTANCE.compare("a1", "a01")));
        assertEquals(0, NaturalOrder.INSTANCE.compare("x7", "x7"));
    }
}
