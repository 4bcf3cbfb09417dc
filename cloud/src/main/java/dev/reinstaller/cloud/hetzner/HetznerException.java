package dev.reinstaller.cloud.hetzner;

/**
 * A Hetzner API call failed for good (after the retries the category allows).
 *
 * <p>The message reads {@code <attempted>: <code> (HTTP <status>): <message>}, e.g.
 * {@code reset server 42: locked (HTTP 423): server is locked}.
 */
public final class HetznerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Category category;
    private final String attempted;
    private final int httpStatus;
    private final String code;

    public HetznerException(
            Category category, String attempted, int httpStatus, String code, String message, Throwable cause) {
        super(attempted + ": " + code + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "") + ": " + message, cause);
        this.category = category;
        this.attempted = attempted;
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public Category category() {
        return category;
    }

    /** What was attempted against what, e.g. {@code reset server 42}. */
    public String attempted() {
        return attempted;
    }

    /** The HTTP status, or 0 when no answer came (connection refused, timeout) or it is not known. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The API's error code ({@code locked}, {@code not_found}, ...) or ours ({@code io_error},
     * {@code connection_failed}, {@code bad_reply}, {@code timeout}).
     */
    public String code() {
        return code;
    }

    /** How to treat a failure. */
    public enum Category {
        /** Worth trying again later: rate limit, locked, server error, network. */
        TRANSIENT,
        /** The thing asked for does not exist. */
        NOT_FOUND,
        /** The token is missing, wrong or read-only. */
        UNAUTHORIZED,
        /** The request was wrong or conflicts with the state; retrying will not help. */
        PERMANENT,
        /** No connection to the endpoint (refused, unknown host, no route) within a short retry. */
        UNREACHABLE,
        /**
         * The endpoint answered, but not with the JSON this client reads: a field missing, null or of
         * the wrong type, garbage, HTML, an oversized body, or pages that never end.
         */
        BAD_REPLY
    }
}
