package org.ftgan.records;

/**
 * PostgreSQL answers, but every connection of this process's pool stayed busy for longer than the
 * pool's connection wait: too many callers at once. Nothing was done; retrying later is safe. A
 * kind of {@link RecordsUnavailableException}, so that callers retrying unavailability retry this too.
 */
public class RecordsOverloadedException extends RecordsUnavailableException {
    public RecordsOverloadedException(String message, Throwable cause) {
        super(message, cause);
    }
}
