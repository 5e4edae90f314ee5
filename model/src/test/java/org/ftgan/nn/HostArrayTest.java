package org.ftgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ftgan.nn.HostArray;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class HostArrayTest {
    @Test
    void aRowViewIsReadAndWrittenAtItsOwnOffset() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray m = Nd4j.arange(0, 12).castTo(type).reshape('c', 3, 4);
            INDArray row = m.getRow(1);
            assertTrue(row.isView() && row.offset() == 4, "the test needs a view with an offset");
            HostArray e = HostArray.of(row, "row");
            assertEquals(4.0, e.get(0), type.toString());
            assertEquals(7.0, e.get(3), type.toString());
            e.set(0, -1.0);
            assertEquals(-1.0, m.getDouble(1, 0), "the write lands in the viewed row");
            assertEquals(0.0, m.getDouble(0, 0), "and not at the start of the buffer");
        }
    }

    @Test
    void aColumnViewIsRefusedAsNotContiguous() {
        INDArray column = Nd4j.arange(0, 12).castTo(DataType.FLOAT).reshape('c', 3, 4).getColumn(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostArray.of(column, "column"));
        assertTrue(e.getMessage().startsWith("column: expected a contiguous c-order array"), e.getMessage());
    }
}
