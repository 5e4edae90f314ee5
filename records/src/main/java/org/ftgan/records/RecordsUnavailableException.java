package org.ftgan.records;

/**
 * PostgreSQL could not be reached or dropped the connection (restarting, shutting down, network).
 * The operation did not complete; callers (Temporal activities) retry it, and since every write is
 * idempotent the retry is safe.
 */
public class RecordsUnavailableException extends RecordsException {
    public RecordsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
