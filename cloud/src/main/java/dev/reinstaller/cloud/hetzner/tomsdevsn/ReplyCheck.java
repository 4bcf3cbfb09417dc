package dev.reinstaller.cloud.hetzner.tomsdevsn;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Checks a successful answer before the library parses it: at most {@value #MAX_BYTES} bytes, and one
 * JSON object. Anything else becomes an {@link ApiFailure} {@code bad_reply} saying what came instead
 * (empty, HTML, garbage at a line and column, too large), so the library never sees it and no parser
 * exception reaches a message.
 */
final class ReplyCheck {
    /** The largest reply read: a page of 50 servers is about 150 KiB. */
    static final long MAX_BYTES = 8L << 20;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ReplyCheck() {}

    /**
     * The same answer, its body read into memory and checked.
     *
     * @param from the endpoint, for messages
     * @throws ApiFailure {@code bad_reply} when the body is not one JSON object of a sane size
     */
    static Response checked(Response response, String from) throws IOException {
        ResponseBody body = response.body();
        if (response.code() == 204 || body == null) {
            return response;
        }
        MediaType type = body.contentType();
        byte[] bytes;
        try (body) {
            BufferedSource source = body.source();
            if (source.request(MAX_BYTES + 1)) {
                throw bad(response, from, "is larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            bytes = source.readByteArray();
        }
        String problem = problem(bytes, type);
        if (problem != null) {
            throw bad(response, from, problem);
        }
        return response.newBuilder().body(ResponseBody.create(bytes, type)).build();
    }

    private static String problem(byte[] bytes, MediaType type) {
        if (firstNonSpace(bytes) < 0) {
            return "is empty, not JSON";
        }
        try {
            JsonNode tree = JSON.readTree(bytes);
            return tree != null && tree.isObject() ? null : "is not a JSON object";
        } catch (JsonProcessingException e) {
            boolean html = (type != null && type.subtype().contains("html")) || startsWithTag(bytes);
            JsonLocation at = e.getLocation();
            return "is not JSON"
                    + (html ? " (an HTML page)" : "")
                    + (at == null || at.getLineNr() < 0
                            ? ""
                            : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
        } catch (IOException e) {
            return "could not be read";
        }
    }

    private static boolean startsWithTag(byte[] bytes) {
        return firstNonSpace(bytes) == '<';
    }

    private static int firstNonSpace(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return b;
            }
        }
        return -1;
    }

    private static ApiFailure bad(Response response, String from, String problem) {
        return new ApiFailure(response.code(), "bad_reply", "reply from " + from + " " + problem, false, null);
    }
}
