package org.ftgan.nn;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.nd4j.linalg.api.buffer.DataType;

/** Base of the gradient-check classes: ND4J in double, and the Java-loop switch restored after each test. */
abstract class DoublePrecisionTest {
    private static DataType previous;

    @BeforeAll
    static void useDouble() {
        previous = GradientCheck.useDouble();
    }

    @AfterAll
    static void restore() {
        GradientCheck.restore(previous);
    }

    @AfterEach
    void javaLoopsBack() {
        Backend.setJavaLoops(Backend.isCpu());
    }
}
