package org.ftgan.worker;

/**
 * A process of the platform (a worker, {@code ftgan up}) will not start, for a reason its user can
 * fix; the message is one line that says what is in the way and how to avoid it.
 */
public final class StartRefusedException extends RuntimeException {
    public StartRefusedException(String message) {
        super(message);
    }
}
