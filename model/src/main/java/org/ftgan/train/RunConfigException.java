package org.ftgan.train;

/** A run config that cannot be used: the message names the file and the key path at fault. */
public final class RunConfigException extends IllegalArgumentException {
    public RunConfigException(String message) {
        super(message);
    }
}
