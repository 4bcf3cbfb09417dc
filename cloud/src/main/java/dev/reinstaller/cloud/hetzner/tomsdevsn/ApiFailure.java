package dev.reinstaller.cloud.hetzner.tomsdevsn;

import java.io.IOException;

/**
 * A final non-2xx answer (or no answer), raised by {@link ApiInterceptor} before the library sees the
 * body. It is an {@link IOException} so it passes through the library, which wraps I/O errors in a
 * bare RuntimeException; {@link TomsdevsnHetznerApi} unwraps it again. This keeps the HTTP status,
 * which the library's own exception drops, and error codes its enum does not know.
 */
final class ApiFailure extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String apiMessage;
    private final boolean retryable;

    ApiFailure(int status, String code, String apiMessage, boolean retryable, Throwable cause) {
        super(code + " (HTTP " + status + "): " + apiMessage, cause);
        this.status = status;
        this.code = code;
        this.apiMessage = apiMessage;
        this.retryable = retryable;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String apiMessage() {
        return apiMessage;
    }

    /** True when the failure was of a retryable kind and the retries ran out. */
    boolean retryable() {
        return retryable;
    }
}
