package dev.reinstaller.installer.run;

import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.system.Clock;
import dev.reinstaller.protocol.After;
import java.time.Duration;

/**
 * {@code reboot}: the last phase. Announces the reboot into the installed system (or, with
 * {@code reinstaller.after=poweroff}, the power-off: the new system boots when the machine is next
 * started), leaves the status API and console a few seconds for clients to read the final events,
 * then does it. Runs only after {@code finalize} exported the pool, so nothing is left mounted or
 * imported.
 */
public record RebootPhase(Events events, Clock clock, Rebooter rebooter, Duration grace) implements PhaseAction {
    @Override
    public void run(RunState state) {
        After after = state.parameters().after();
        events.emit(
                after == After.POWEROFF
                        ? new Event.PoweringOff(
                                "installed; powering off (reinstaller.after=poweroff): the new system boots when"
                                        + " the machine is next started",
                                grace.toSeconds())
                        : new Event.Rebooting("installed; booting the new system", grace.toSeconds(), false));
        clock.sleep(grace);
        rebooter.reboot(after);
    }
}
