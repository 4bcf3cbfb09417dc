package dev.reinstaller.installer.run;

import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.system.Clock;
import java.time.Duration;

/**
 * {@code reboot}: the last phase. Announces the reboot into the installed system, leaves the status API
 * and console a few seconds for clients to read the final events, then reboots. Runs only after
 * {@code finalize} exported the pool, so nothing is left mounted or imported.
 */
public record RebootPhase(Events events, Clock clock, Rebooter rebooter, Duration grace) implements PhaseAction {
    @Override
    public void run(RunState state) {
        events.emit(new Event.Rebooting("installed; booting the new system", grace.toSeconds(), false));
        clock.sleep(grace);
        rebooter.reboot();
    }
}
