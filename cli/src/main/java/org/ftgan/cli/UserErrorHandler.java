package org.ftgan.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.ftgan.worker.StartRefusedException;
import picocli.CommandLine;

/**
 * Prints a bad file, a bad argument or a failed I/O as one clear line on stderr (exit 2) instead
 * of a stack trace; anything else is a bug and keeps its stack trace (exit 1).
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        // a progress line left open by the failed command ends first: the message gets a line of its own
        ConsoleLine.of(cl.getErr()).end();
        if (ex instanceof NoSuchFileException missing) {
            cl.getErr().println("ftgan: no such file or directory: " + missing.getFile());
            return 2;
        }
        if (ex instanceof AccessDeniedException denied) {
            cl.getErr().println("ftgan: permission denied: " + denied.getFile());
            return 2;
        }
        if (ex instanceof IOException || ex instanceof UncheckedIOException || ex instanceof IllegalArgumentException
                || ex instanceof StartRefusedException) {
            cl.getErr().println("ftgan: " + ex.getMessage());
            return 2;
        }
        ex.printStackTrace(cl.getErr());
        return 1;
    }
}
