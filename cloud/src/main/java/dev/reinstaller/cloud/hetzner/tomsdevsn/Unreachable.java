package dev.reinstaller.cloud.hetzner.tomsdevsn;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells an I/O failure in which no connection was made (so no request was sent) from one after the
 * request may have reached the API, and names it for the operator.
 */
final class Unreachable {
    private Unreachable() {}

    /** "connection refused", "unknown host", ... when {@code e} (or a cause) means no connection was made. */
    static Optional<String> reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof UnknownHostException) {
                return Optional.of("unknown host");
            }
            if (t instanceof NoRouteToHostException) {
                return Optional.of("no route to host");
            }
            if (t instanceof SocketTimeoutException && message.contains("connect")) {
                return Optional.of("connect timed out");
            }
            if (t instanceof ConnectException) {
                return Optional.of(
                        message.contains("refused") || hasRefusedCause(t) ? "connection refused" : "cannot connect");
            }
        }
        return Optional.empty();
    }

    private static boolean hasRefusedCause(Throwable t) {
        for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
            if (String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("refused")) {
                return true;
            }
        }
        for (Throwable s : t.getSuppressed()) {
            if (String.valueOf(s.getMessage()).toLowerCase(Locale.ROOT).contains("refused")) {
                return true;
            }
        }
        return false;
    }
}
