package dev.reinstaller.cloud.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.cloud.testing.FakeTime;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaiterTest {
    private final FakeTime time = new FakeTime();
    private final Waiter waiter = time.waiter();
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4));

    @Test
    void backsOffExponentiallyUpToTheCap() {
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.after(60)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void returnsTheValueOnceDone() {
        AtomicInteger calls = new AtomicInteger();

        String value = waiter.until(
                "thing",
                Duration.ofMinutes(1),
                backoff,
                () -> calls.incrementAndGet() < 4 ? Poll.again("not yet") : Poll.done("ok"));

        assertThat(value).isEqualTo("ok");
        assertThat(time.pauses()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void takesThePauseTheOtherSideAsksFor() {
        AtomicInteger calls = new AtomicInteger();

        waiter.until(
                "thing",
                Duration.ofMinutes(1),
                backoff,
                () -> calls.incrementAndGet() == 1
                        ? new Poll.Again<>("429", Optional.of(Duration.ofSeconds(9)))
                        : Poll.done(1));

        assertThat(time.pauses()).containsExactly(Duration.ofSeconds(9));
    }

    @Test
    void stopsAtTheDeadlineAndSaysWhatItSawLast() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> waiter.until(
                        "ssh to web-1 (192.0.2.7:22)",
                        Duration.ofSeconds(10),
                        backoff,
                        () -> Poll.again("connection refused #" + calls.incrementAndGet())))
                .isInstanceOf(DeadlineExceededException.class)
                .hasMessage(
                        "ssh to web-1 (192.0.2.7:22): no result within 10 s (5 attempts, last: connection refused #5)");
        assertThat(time.slept()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void rejectsNonsenseBackoff() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
