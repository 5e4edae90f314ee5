package org.ftgan.cli.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.ftgan.worker.StartRefusedException;

/**
 * Checks, before anything starts, that a port {@code ftgan up} is about to listen on is free: a
 * server already there (often another stack) would otherwise be used by mistake (Temporal, whose
 * frontend answers whoever runs it) or fail late with a stack trace (the API).
 */
final class PortCheck {
    private PortCheck() {
    }

    /**
     * Refuses two servers asked to listen on the same port (the second would fail late, with a stack trace).
     *
     * @param portsByOption the port each option asks for, in the order the options are named; 0 (any free
     *                      port) is never a clash
     * @throws StartRefusedException naming both options and the port
     */
    static void requireDistinct(java.util.Map<String, Integer> portsByOption) {
        java.util.Map<Integer, String> seen = new java.util.HashMap<>();
        for (java.util.Map.Entry<String, Integer> e : portsByOption.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            String first = seen.putIfAbsent(e.getValue(), e.getKey());
            if (first != null) {
                throw new StartRefusedException(first + " and " + e.getKey() + " both ask for port " + e.getValue()
                        + "; give each its own (0: any free port)");
            }
        }
    }

    /**
     * @param what   what would listen there, as people know it ("the HTTP API")
     * @param option the option that moves it
     * @throws StartRefusedException when something listens on 127.0.0.1:{@code port} (0 is always free)
     */
    static void requireFree(int port, String what, String option) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // a port in TIME_WAIT after a stop is free for the real server too
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException inUse) {
            throw new StartRefusedException("port " + port + " on 127.0.0.1, for " + what + ", is in use (another"
                    + " ftgan up, or another program); stop it, or pass " + option + " N (0: any free port)");
        }
    }
}
