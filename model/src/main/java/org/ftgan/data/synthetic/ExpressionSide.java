package org.ftgan.data.synthetic;

/**
 * Which version of an expression: BOTH for the symmetric ones; LEFT or RIGHT (the subject's left is
 * +x) for the split ones (mouth_side, mouth_middle, mouth_up, mouth_down).
 */
public enum ExpressionSide {
    BOTH, LEFT, RIGHT;

    /** +1 for LEFT (+x), -1 for RIGHT; BOTH has no sign. */
    int sign() {
        if (this == BOTH) {
            throw new IllegalStateException("BOTH has no side sign");
        }
        return this == LEFT ? 1 : -1;
    }
}
