package dev.reinstaller.installer.status;

import java.time.Duration;

/**
 * The status API's bounds on what a client may hold or send.
 *
 * @param idleTimeout a connection with neither reads nor completed writes for this long is closed; a
 *     flowing event stream sends a keep-alive comment every {@code keepAlive}, so only a stalled one
 *     is closed
 * @param requestTimeout a request must arrive complete this long after its first byte (slow senders)
 * @param keepAlive the comment interval of an idle event stream, shorter than {@code idleTimeout}
 * @param maxConnections connections beyond this many are answered 503 and closed
 * @param maxHeaderBytes request headers beyond this many bytes are answered 431
 * @param subscriberQueueBytes an event stream that falls this far behind the log is ended with a final
 *     {@code dropped} event; counted as the event log counts its history
 */
public record Limits(
        Duration idleTimeout,
        Duration requestTimeout,
        Duration keepAlive,
        int maxConnections,
        int maxHeaderBytes,
        long subscriberQueueBytes) {
    public static final Limits DEFAULT =
            new Limits(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(15), 64, 8192, 1L << 20);

    public Limits {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
        }
        if (keepAlive.isNegative() || keepAlive.isZero() || keepAlive.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException(
                    "keepAlive must be positive and below idleTimeout " + idleTimeout + ", got " + keepAlive);
        }
        if (maxConnections < 1 || maxHeaderBytes < 256 || subscriberQueueBytes < 1) {
            throw new IllegalArgumentException("maxConnections " + maxConnections + ", maxHeaderBytes "
                    + maxHeaderBytes + " (at least 256) and subscriberQueueBytes " + subscriberQueueBytes
                    + " must be positive");
        }
    }
}
