package dev.reinstaller.cloud.wait;

import java.time.Duration;

/**
 * Exponential backoff: {@code initial}, then doubled each attempt, never more than {@code max}.
 *
 * @param initial pause after the first attempt; positive
 * @param max the longest pause; at least {@code initial}
 */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        if (initial == null || max == null || !initial.isPositive() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
        }
    }

    /** The pause after attempt {@code attempt} (1-based). */
    public Duration after(int attempt) {
        Duration pause = initial;
        for (int i = 1; i < attempt && pause.compareTo(max) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(max) > 0 ? max : pause;
    }
}
