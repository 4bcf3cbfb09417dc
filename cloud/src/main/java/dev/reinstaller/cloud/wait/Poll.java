package dev.reinstaller.cloud.wait;

import java.time.Duration;
import java.util.Optional;

/** The outcome of one attempt inside {@link Waiter#until}: done, or try again later. */
public sealed interface Poll<T> {

    /** The wait is over with {@code value}. */
    record Done<T>(T value) implements Poll<T> {}

    /**
     * Not yet.
     *
     * @param state what was seen, for the timeout message ("action running at 40%", "HTTP 503")
     * @param after a pause the other side asked for (Retry-After), instead of the backoff's
     */
    record Again<T>(String state, Optional<Duration> after) implements Poll<T> {
        public Again {
            if (state == null || after == null) {
                throw new IllegalArgumentException("state and after are required");
            }
        }
    }

    static <T> Poll<T> done(T value) {
        return new Done<>(value);
    }

    static <T> Poll<T> again(String state) {
        return new Again<>(state, Optional.empty());
    }
}
