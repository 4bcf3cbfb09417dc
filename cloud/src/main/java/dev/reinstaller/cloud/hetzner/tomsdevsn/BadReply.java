package dev.reinstaller.cloud.hetzner.tomsdevsn;

import java.util.List;

/**
 * A reply that parsed but lacks what this client needs: a field missing, null, or unfit. Thrown while
 * converting, caught by {@link Failures} and turned into a {@code BAD_REPLY} error naming the endpoint.
 * The message names the field by its JSON path ({@code servers[3].id}).
 */
final class BadReply extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadReply(String field, String problem) {
        super("field " + field + " " + problem);
    }

    /** {@code value}, or a {@link BadReply} saying that {@code field} is missing. */
    static <T> T need(T value, String field) {
        if (value == null) {
            throw new BadReply(field, "is missing or null");
        }
        return value;
    }

    /** {@code list}, which must be there and hold no null. */
    static <T> List<T> each(List<T> list, String field) {
        need(list, field);
        for (int i = 0; i < list.size(); i++) {
            need(list.get(i), field + "[" + i + "]");
        }
        return list;
    }
}
