package dev.reinstaller.installer.inbox;

import dev.reinstaller.installer.secrets.DiskKey;
import dev.reinstaller.installer.system.Clock;
import dev.reinstaller.installer.system.InstallerException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What operators send after boot ({@code POST /disk-key}, {@code POST /confirm}), handed to the
 * confirm phase as its {@link KeySource} and {@link ConfirmationSource}. Bounded: a flood of guesses
 * is refused, not queued; the confirm phase pauses after each wrong token.
 */
public final class Inbox {
    private final BlockingQueue<DiskKey> keys = new LinkedBlockingQueue<>(2);
    private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>(8);
    private final Clock clock;

    public Inbox(Clock clock) {
        this.clock = clock;
    }

    /** Queues a checked key; false (and the key wiped) when one is already waiting to be taken. */
    public boolean offerKey(DiskKey key) {
        boolean taken = keys.offer(key);
        if (!taken) {
            key.close();
        }
        return taken;
    }

    public boolean offerToken(String token) {
        return tokens.offer(token);
    }

    public KeySource keys() {
        return deadline -> take(keys, deadline);
    }

    public ConfirmationSource confirmations() {
        return deadline -> take(tokens, deadline);
    }

    private <T> Optional<T> take(BlockingQueue<T> queue, Instant deadline) {
        try {
            return Optional.ofNullable(queue.poll(clock.until(deadline).toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallerException(
                    InstallerException.Category.TRANSIENT, "interrupted while waiting for the operator", e);
        }
    }
}
