package dev.reinstaller.installer.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A {@link Clock} for tests: {@link #sleep} moves time forward at once and is recorded. */
public final class FakeClock implements Clock {
    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    public FakeClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public FakeClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative sleep " + duration);
        }
        sleeps.add(duration);
        now = now.plus(duration);
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
