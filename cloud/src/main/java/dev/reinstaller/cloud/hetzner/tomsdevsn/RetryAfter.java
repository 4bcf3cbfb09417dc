package dev.reinstaller.cloud.hetzner.tomsdevsn;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pause a 429 asks for, read from {@code Retry-After} (seconds or an HTTP date) or Hetzner's
 * {@code RateLimit-Reset} (epoch seconds). Odd values never make an odd pause: a negative number, a
 * fraction, words or an unreadable date count as not given; a moment in the past as zero; anything
 * beyond {@code max} as {@code max}.
 */
final class RetryAfter {
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
    private static final Pattern MANY_DIGITS = Pattern.compile("\\d{19,}");

    private RetryAfter() {}

    /**
     * @param retryAfter the {@code Retry-After} header, or null
     * @param reset the {@code RateLimit-Reset} header, or null
     * @param now the time the answer came
     * @param max the longest pause taken
     */
    static Optional<Duration> of(String retryAfter, String reset, Instant now, Duration max) {
        Optional<Duration> asked = retryAfter == null
                ? Optional.empty()
                : seconds(retryAfter.strip(), max).or(() -> date(retryAfter.strip(), now));
        if (asked.isEmpty() && reset != null) {
            asked = epoch(reset.strip(), now, max);
        }
        return asked.map(d -> d.isNegative() ? Duration.ZERO : d.compareTo(max) > 0 ? max : d);
    }

    private static Optional<Duration> seconds(String value, Duration max) {
        if (MANY_DIGITS.matcher(value).matches()) {
            return Optional.of(max);
        }
        return DIGITS.matcher(value).matches()
                ? Optional.of(Duration.ofSeconds(Math.min(Long.parseLong(value), max.toSeconds())))
                : Optional.empty();
    }

    private static Optional<Duration> date(String value, Instant now) {
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return Optional.of(Duration.between(now, at));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> epoch(String value, Instant now, Duration max) {
        if (MANY_DIGITS.matcher(value).matches()) {
            return Optional.of(max);
        }
        if (!DIGITS.matcher(value).matches()) {
            return Optional.empty();
        }
        long at = Long.parseLong(value);
        long left = at - now.getEpochSecond();
        return Optional.of(left > max.toSeconds() ? max : Duration.ofSeconds(left));
    }
}
