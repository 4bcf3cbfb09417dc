package dev.reinstaller.installer.confirm;

import dev.reinstaller.installer.system.Clock;
import java.util.Optional;

/**
 * The key and confirmation sources of this build, which has no status API and no console prompt yet:
 * nothing arrives, so a wait lasts until its deadline and the watchdog path follows. An unattended run
 * brings both the key (cpio) and the token ({@code reinstaller.confirm=}) and never waits here.
 */
public final class NothingArrives {
    private NothingArrives() {}

    public static KeySource keys(Clock clock) {
        return deadline -> {
            clock.sleep(clock.until(deadline));
            return Optional.empty();
        };
    }

    public static ConfirmationSource confirmations(Clock clock) {
        return deadline -> {
            clock.sleep(clock.until(deadline));
            return Optional.empty();
        };
    }
}
