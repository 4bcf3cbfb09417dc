package dev.reinstaller.hostinfo.metadata;

import java.io.Serial;
import java.net.URI;
import java.time.Duration;

/**
 * Reads one leaf of a cloud metadata service (Hetzner: {@code /hetzner/v1/metadata/<key>}). Tests
 * inject a fake or point the HTTP implementation at a server on 127.0.0.1.
 */
public interface MetadataClient {

    /**
     * Fetches {@code url} and returns its body.
     *
     * @param timeout the whole time the request may take, connect to last byte
     * @throws MetadataException when the service does not answer in time, refuses the connection or
     *     answers with a status other than 200
     */
    String get(URI url, Duration timeout) throws MetadataException;

    /**
     * A metadata request failed.
     *
     * @see #status()
     */
    final class MetadataException extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;

        private final int status;

        /**
         * @param status the HTTP status the service answered with, or 0 when it did not answer
         */
        public MetadataException(int status, String message) {
            super(message);
            this.status = status;
        }

        public MetadataException(String message, Throwable cause) {
            super(message, cause);
            this.status = 0;
        }

        /** The HTTP status, or 0 when there was no answer (timeout, refused, reset). */
        public int status() {
            return status;
        }

        /** True when the service answered at all, so the other leaves are worth asking. */
        public boolean answered() {
            return status != 0;
        }
    }
}
