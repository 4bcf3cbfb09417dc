package dev.reinstaller.cloud.wait;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A client-side rate limit: at most {@code burst} requests at once, refilled evenly so that any
 * window of one hour admits at most {@code perHour} requests ({@code burst} plus the refill in that
 * hour). {@link #acquire} blocks through the {@link Waiter}'s sleeper until a token is free.
 * Thread-safe: callers queue on the bucket's lock, so one slow pause holds back the others, which is
 * what a shared budget means.
 */
public final class TokenBucket {
    private static final Duration HOUR = Duration.ofHours(1);

    private final int burst;
    private final int perHour;
    private final long nanosPerToken;
    private final Clock clock;
    private final Waiter waiter;
    private double tokens;
    private Instant refilled;
    private long granted;

    /**
     * @param perHour requests allowed in any one-hour window (Hetzner: 3600 per project)
     * @param burst tokens available at once; less than {@code perHour}
     */
    public TokenBucket(int perHour, int burst, Waiter waiter) {
        if (burst < 1 || perHour <= burst) {
            throw new IllegalArgumentException("need 1 <= burst < perHour, got burst " + burst + ", " + perHour);
        }
        this.burst = burst;
        this.perHour = perHour;
        this.nanosPerToken = HOUR.toNanos() / (perHour - burst);
        this.clock = waiter.clock();
        this.waiter = waiter;
        this.tokens = burst;
        this.refilled = clock.instant();
    }

    /** Takes one token, pausing until there is one. */
    public synchronized void acquire() {
        refill();
        while (tokens < 1) {
            long missing = (long) Math.ceil((1 - tokens) * nanosPerToken);
            waiter.pause("waiting for the API rate limit (" + perHour + " requests/hour)", Duration.ofNanos(missing));
            refill();
        }
        tokens -= 1;
        granted++;
    }

    /** Requests granted so far. */
    public synchronized long granted() {
        return granted;
    }

    public int perHour() {
        return perHour;
    }

    public int burst() {
        return burst;
    }

    private void refill() {
        Instant now = clock.instant();
        long elapsed = Duration.between(refilled, now).toNanos();
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + (double) elapsed / nanosPerToken);
            refilled = now;
        }
    }
}
