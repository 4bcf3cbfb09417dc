package dev.reinstaller.installer.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {
    @Test
    void makesTheValueOnFirstUseOnlyAndKeepsIt() {
        AtomicInteger made = new AtomicInteger();
        Lazy<String> lazy = Lazy.of(() -> "value " + made.incrementAndGet());

        assertThat(made).hasValue(0);
        assertThat(lazy.get()).isEqualTo("value 1");
        assertThat(lazy.get()).isEqualTo("value 1");
        assertThat(made).hasValue(1);
    }

    @Test
    void threadsRacingForTheFirstUseShareOneValue() throws InterruptedException {
        AtomicInteger made = new AtomicInteger();
        Lazy<Object> lazy = Lazy.of(() -> {
            made.incrementAndGet();
            return new Object();
        });
        CountDownLatch start = new CountDownLatch(1);
        List<Object> seen = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen.add(lazy.get());
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }

        assertThat(seen).hasSize(8).containsOnly(lazy.get());
        assertThat(made).hasValue(1);
    }

    @Test
    void aFailedMakeIsTriedAgainOnTheNextUse() {
        AtomicInteger calls = new AtomicInteger();
        Lazy<String> lazy = Lazy.of(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first try fails");
            }
            return "second";
        });

        assertThatThrownBy(lazy::get).hasMessage("first try fails");
        assertThat(lazy.get()).isEqualTo("second");
    }
}
