package dev.reinstaller.cloud.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.cloud.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void aBurstGoesThroughAtOnce() {
        FakeTime time = new FakeTime();
        TokenBucket bucket = new TokenBucket(3600, 100, time.waiter());

        for (int i = 0; i < 100; i++) {
            bucket.acquire();
        }

        assertThat(time.slept()).isEqualTo(Duration.ZERO);
        assertThat(bucket.granted()).isEqualTo(100);
    }

    @Test
    void noHourEverSeesMoreThanTheBudget() {
        FakeTime time = new FakeTime();
        TokenBucket bucket = new TokenBucket(3600, 100, time.waiter());
        List<Instant> grants = new ArrayList<>();

        for (int i = 0; i < 10_000; i++) {
            bucket.acquire();
            grants.add(time.instant());
        }

        int maxInHour = 0;
        int start = 0;
        for (int end = 0; end < grants.size(); end++) {
            while (Duration.between(grants.get(start), grants.get(end)).compareTo(Duration.ofHours(1)) >= 0) {
                start++;
            }
            maxInHour = Math.max(maxInHour, end - start + 1);
        }
        assertThat(maxInHour).isLessThanOrEqualTo(3600).isGreaterThan(3500);
    }

    @Test
    void refusesABurstAsLargeAsTheBudget() {
        assertThatThrownBy(() -> new TokenBucket(100, 100, new FakeTime().waiter()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
