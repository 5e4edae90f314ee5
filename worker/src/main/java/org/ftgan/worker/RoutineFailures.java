package org.ftgan.worker;

import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;

/**
 * Failures that end an attempt for a reason the platform expects and records (a bad config or
 * dataset, a diverged run, a worker shutting down). They are {@link ApplicationErrorCategory#BENIGN},
 * so the Temporal SDK logs them at debug level instead of a WARN with a stack trace per attempt; the
 * reason reaches the run's events and failure reason all the same. Anything else that escapes an
 * activity is unexpected and keeps its WARN.
 */
public final class RoutineFailures {
    private RoutineFailures() {
    }

    /** Not retried: the run fails with {@code message} as its reason. */
    public static ApplicationFailure nonRetryable(String message, String type) {
        return ApplicationFailure.newBuilder().setMessage(message).setType(type).setNonRetryable(true)
                .setCategory(ApplicationErrorCategory.BENIGN).build();
    }

    /** Retried as the activity's policy says. */
    public static ApplicationFailure retryable(String message, String type) {
        return ApplicationFailure.newBuilder().setMessage(message).setType(type)
                .setCategory(ApplicationErrorCategory.BENIGN).build();
    }
}
