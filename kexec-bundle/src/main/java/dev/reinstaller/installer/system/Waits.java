package dev.reinstaller.installer.system;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The installer's one polling helper: asks {@code probe} until it answers or {@code deadline} passes,
 * sleeping between attempts with a doubling delay capped at {@code maxDelay} and never past the
 * deadline. The probe runs at least once, even when the deadline has already passed.
 */
public final class Waits {
    private Waits() {}

    public static <T> Optional<T> poll(
            Clock clock, Instant deadline, Duration firstDelay, Duration maxDelay, Supplier<Optional<T>> probe) {
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("delays must be positive and firstDelay <= maxDelay");
        }
        Duration delay = firstDelay;
        while (true) {
            Optional<T> answer = probe.get();
            if (answer.isPresent()) {
                return answer;
            }
            Duration left = clock.until(deadline);
            if (left.isZero()) {
                return Optional.empty();
            }
            clock.sleep(delay.compareTo(left) < 0 ? delay : left);
            Duration doubled = delay.multipliedBy(2);
            delay = doubled.compareTo(maxDelay) < 0 ? doubled : maxDelay;
        }
    }
}
