package dev.reinstaller.cloud.testing;

import java.time.Duration;
import java.time.Instant;

/**
 * Real time sped up by a factor: the clock runs {@code factor} times faster than the wall clock and a
 * sleep of d lasts d / factor. Benchmarks scaled down in time read the simulated hour off this clock.
 */
public final class ScaledTime extends TestTime {
    private final long factor;
    private final long startNanos = System.nanoTime();
    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

    public ScaledTime(long factor) {
        this.factor = factor;
    }

    /** Simulated time of a {@link System#nanoTime()} reading. */
    public Instant at(long nanoTime) {
        return start.plusNanos((nanoTime - startNanos) * factor);
    }

    @Override
    public Instant instant() {
        return at(System.nanoTime());
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (duration.isPositive()) {
            Thread.sleep(duration.dividedBy(factor));
        }
    }
}
