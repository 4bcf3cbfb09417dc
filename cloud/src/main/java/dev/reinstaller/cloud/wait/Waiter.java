package dev.reinstaller.cloud.wait;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The one way this program waits: attempts with backoff until done or a deadline. Every pause goes
 * through the injected {@link Sleeper} and every reading of time through the injected {@link Clock},
 * so tests run waits of minutes in microseconds. A pause is cut short so it never passes the deadline,
 * and one last attempt runs at the deadline.
 */
public final class Waiter {
    private final Clock clock;
    private final Sleeper sleeper;

    public Waiter(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public static Waiter system() {
        return new Waiter(Clock.systemUTC(), Sleeper.system());
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    /**
     * Runs {@code attempt} until it returns {@link Poll.Done}.
     *
     * @param what what is awaited, against what ("action 7 (reset) on server 42")
     * @throws DeadlineExceededException when {@code deadline} passes first
     * @throws InterruptedWaitException when the thread is interrupted
     */
    public <T> T until(String what, Duration deadline, Backoff backoff, Supplier<Poll<T>> attempt) {
        Instant end = clock.instant().plus(deadline);
        for (int n = 1; ; n++) {
            switch (attempt.get()) {
                case Poll.Done<T> done -> {
                    return done.value();
                }
                case Poll.Again<T> again -> {
                    Duration left = Duration.between(clock.instant(), end);
                    if (!left.isPositive()) {
                        throw new DeadlineExceededException(what, deadline, n, again.state());
                    }
                    Duration pause = again.after().orElse(backoff.after(Math.min(n, 64)));
                    pause(what, pause.compareTo(left) > 0 ? left : pause);
                }
            }
        }
    }

    /** A plain pause (between polls of something that has no attempt result), through the sleeper. */
    public void pause(String what, Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedWaitException(what, e);
        }
    }

    /** The waiting thread was interrupted (the run was cancelled). */
    public static final class InterruptedWaitException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InterruptedWaitException(String what, InterruptedException cause) {
            super(what + ": interrupted", cause);
        }
    }
}
