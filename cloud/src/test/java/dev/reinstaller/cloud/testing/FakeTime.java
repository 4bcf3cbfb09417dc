package dev.reinstaller.cloud.testing;

import dev.reinstaller.cloud.wait.Sleeper;
import dev.reinstaller.cloud.wait.Waiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when someone sleeps on it; records every pause. Thread-safe. */
public final class FakeTime extends Clock implements Sleeper {
    private Instant now;
    private final List<Duration> pauses = new ArrayList<>();

    public FakeTime(Instant start) {
        this.now = start;
    }

    public FakeTime() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public Waiter waiter() {
        return new Waiter(this, this);
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

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
