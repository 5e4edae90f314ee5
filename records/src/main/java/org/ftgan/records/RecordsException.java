package org.ftgan.records;

/** A records operation failed for a reason that retrying will not fix (bad data, a violated constraint, a bug). */
public class RecordsException extends RuntimeException {
    public RecordsException(String message, Throwable cause) {
        super(message, cause);
    }

    public RecordsException(String message) {
        super(message);
    }
}
