package dev.reinstaller.cloud.hetzner;

import java.util.Optional;

/**
 * An asynchronous API action (rebuild, reset, ...).
 *
 * @param id action id
 * @param command e.g. {@code reset_server}
 * @param status running, success or error
 * @param progress 0 to 100
 * @param error the API's error code and message when {@code status} is {@link Status#ERROR}
 */
public record Action(long id, String command, Status status, int progress, Optional<String> error) {
    public Action {
        if (id <= 0 || command == null || status == null || error == null) {
            throw new IllegalArgumentException("an action needs an id, a command and a status");
        }
    }

    /** The states of an action. */
    public enum Status {
        RUNNING,
        SUCCESS,
        ERROR;

        /** Parses the API's lower-case status; an unknown one counts as running. */
        public static Status of(String wire) {
            return switch (wire == null ? "" : wire) {
                case "success" -> SUCCESS;
                case "error" -> ERROR;
                default -> RUNNING;
            };
        }
    }
}
