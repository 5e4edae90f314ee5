package org.ftgan.train;

/** A checkpoint that is unreadable, damaged or written by another run; the message says which and why. */
public final class CheckpointException extends IllegalArgumentException {
    public CheckpointException(String message) {
        super(message);
    }
}
