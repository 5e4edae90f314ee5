package org.ftgan.workflows;

/**
 * An action on an existing experiment or run that cannot be done: the target does not exist, or its
 * state does not allow it (cancelling what has ended, retrying what is still running).
 */
public final class ActionRefusedException extends RuntimeException {
    /** Why the action was refused. */
    public enum Reason { NOT_FOUND, CONFLICT }

    private final Reason reason;

    public ActionRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
