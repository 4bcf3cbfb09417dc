package dev.reinstaller.cloud.hetzner.tomsdevsn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.reinstaller.cloud.hetzner.HetznerException;
import dev.reinstaller.cloud.hetzner.Shown;
import java.util.Collection;
import java.util.Set;
import me.tomsdevsn.hetznercloud.exception.APIRequestException;

/**
 * Every way a library call can fail, as one {@link HetznerException} saying what was attempted: our
 * {@link ApiFailure} (a final non-2xx answer, no connection, a reply that is no JSON object), a
 * {@link BadReply} from conversion, a parser exception from the library (a field of the wrong type),
 * or anything else. Messages name the endpoint; text from the server is bounded, escaped and has the
 * token taken out.
 */
final class Failures {
    private static final Set<String> TRANSIENT_CODES =
            Set.of("locked", "rate_limit_exceeded", "timeout", "io_error", "unavailable", "server_error");

    private final String endpoint;
    private final String token;

    Failures(String endpoint, String token) {
        this.endpoint = endpoint;
        this.token = token;
    }

    /** The endpoint as messages name it. */
    String endpoint() {
        return endpoint;
    }

    /** Text from the server, safe to print: the token removed, escaped, at most {@link Shown#LIMIT} characters. */
    String shown(String text) {
        return Shown.bounded(Shown.without(text, token));
    }

    HetznerException of(String attempted, RuntimeException e) {
        if (e instanceof BadReply bad) {
            return badReply(attempted, bad.getMessage(), e);
        }
        if (e instanceof APIRequestException api) {
            var error = api.getApiErrorResponse() == null
                    ? null
                    : api.getApiErrorResponse().getError();
            String code = error == null || error.getCode() == null
                    ? "api_error"
                    : error.getCode().name();
            return new HetznerException(
                    categoryOf(0, code, false),
                    attempted,
                    0,
                    code,
                    shown(error == null ? e.getMessage() : error.getMessage()),
                    e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiFailure f) {
                return new HetznerException(
                        categoryOf(f.status(), f.code(), f.retryable()),
                        attempted,
                        f.status(),
                        f.code(),
                        f.apiMessage(),
                        e);
            }
            if (t instanceof JsonProcessingException json) {
                return badReply(attempted, detail(json), e);
            }
        }
        return new HetznerException(
                HetznerException.Category.TRANSIENT,
                attempted,
                0,
                "client_error",
                e.getClass().getSimpleName() + ": " + shown(e.getMessage()),
                e);
    }

    /** A {@code BAD_REPLY} error: {@code <attempted>: bad_reply: reply from <endpoint>: <detail>}. */
    HetznerException badReply(String attempted, String detail, Throwable cause) {
        return new HetznerException(
                HetznerException.Category.BAD_REPLY,
                attempted,
                0,
                "bad_reply",
                "reply from " + endpoint + ": " + Shown.bounded(detail),
                cause);
    }

    private static String detail(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String expected = e instanceof MismatchedInputException m && m.getTargetType() != null
                    ? " (expected " + kind(m.getTargetType()) + ")"
                    : "";
            return "field " + path(mapping) + " has the wrong type" + expected;
        }
        return "the JSON does not fit what the API sends";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String kind(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    static HetznerException.Category categoryOf(int status, String code, boolean retryable) {
        if (code.equals("bad_reply")) {
            return HetznerException.Category.BAD_REPLY;
        }
        if (code.equals("connection_failed")) {
            return HetznerException.Category.UNREACHABLE;
        }
        if (retryable || status == 429 || status >= 500 || TRANSIENT_CODES.contains(code)) {
            return HetznerException.Category.TRANSIENT;
        }
        if (status == 404 || code.equals("not_found")) {
            return HetznerException.Category.NOT_FOUND;
        }
        if (status == 401
                || status == 403
                || code.equals("unauthorized")
                || code.equals("forbidden")
                || code.equals("token_readonly")) {
            return HetznerException.Category.UNAUTHORIZED;
        }
        return HetznerException.Category.PERMANENT;
    }
}
