package dev.reinstaller.cloud.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when someone sleeps on it; records every pause. Thread-safe. */
public final class FakeTime extends TestTime {
    private Instant now;
    private final List<Duration> pauses = new ArrayList<>();

    public FakeTime(Instant start) {
        this.now = start;
    }

    public FakeTime() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public synchronized void sleep(Duration duration) {
        pauses.add(duration);
        now = now.plus(duration);
    }

    public synchronized List<Duration> pauses() {
        return List.copyOf(pauses);
    }

    public synchronized Duration slept() {
        return pauses.stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }
}
