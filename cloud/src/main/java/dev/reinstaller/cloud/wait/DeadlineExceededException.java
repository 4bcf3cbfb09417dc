package dev.reinstaller.cloud.wait;

import java.time.Duration;

/** A wait ran out of time. The message says what was awaited, for how long, and what was seen last. */
public final class DeadlineExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String what;
    private final String lastState;

    public DeadlineExceededException(String what, Duration deadline, int attempts, String lastState) {
        super(what + ": no result within " + deadline.toSeconds() + " s (" + attempts + " attempts, last: " + lastState
                + ")");
        this.what = what;
        this.lastState = lastState;
    }

    public String what() {
        return what;
    }

    public String lastState() {
        return lastState;
    }
}
