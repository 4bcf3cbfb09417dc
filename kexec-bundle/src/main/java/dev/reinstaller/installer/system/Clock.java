package dev.reinstaller.installer.system;

import java.time.Duration;
import java.time.Instant;

/**
 * Time for the installer: the current instant and the only way to pause. Every wait in the installer
 * goes through {@link #sleep} with a deadline computed from {@link #now}, so a test clock that moves
 * forward on {@code sleep} runs a fifteen-minute deadline in microseconds.
 */
public interface Clock {

    Instant now();

    /**
     * Pauses for {@code duration}.
     *
     * @throws InstallerException (transient) when the thread is interrupted; the interrupt flag is kept
     */
    void sleep(Duration duration);

    /** The wall clock and {@link Thread#sleep}. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }

    /** The instant {@code duration} from now. */
    default Instant after(Duration duration) {
        return now().plus(duration);
    }

    /** Time left until {@code deadline}, never negative. */
    default Duration until(Instant deadline) {
        Duration left = Duration.between(now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The real clock; stateless, so one instance serves everyone. */
    enum SystemClock implements Clock {
        INSTANCE;

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallerException(
                        InstallerException.Category.TRANSIENT, "interrupted while waiting " + duration, e);
            }
        }
    }
}
