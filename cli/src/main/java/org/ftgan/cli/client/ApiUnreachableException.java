package org.ftgan.cli.client;

import java.io.IOException;

/** No API answered at the base URL (nothing listens there). */
public final class ApiUnreachableException extends IOException {
    public ApiUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
