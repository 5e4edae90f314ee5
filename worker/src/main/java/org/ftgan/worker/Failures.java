package org.ftgan.worker;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;

/** Turns a Temporal failure chain into the one sentence a person should read in the run's events. */
public final class Failures {
    private Failures() {
    }

    /** The innermost application failure's own message (without Temporal's wrapping), else the innermost message. */
    public static String reason(Throwable t) {
        String best = null;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ApplicationFailure a) {
                best = a.getOriginalMessage();
            } else if (c instanceof TemporalFailure f && best == null) {
                best = f.getOriginalMessage();
            } else if (!(c instanceof TemporalFailure) && c.getMessage() != null) {
                best = c.getMessage();
            }
        }
        return best == null ? t.toString() : best;
    }

    /** True when the chain is a cancellation. */
    public static boolean isCancellation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CanceledFailure) {
                return true;
            }
        }
        return false;
    }
}
