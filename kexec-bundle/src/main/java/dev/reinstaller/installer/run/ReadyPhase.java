package dev.reinstaller.installer.run;

import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * {@code ready}: announces where the status API listens, so the operator (or the cloud CLI) can open
 * its SSH tunnel and send the key and the confirmation before the deadline.
 */
public record ReadyPhase(Events events, Optional<InetSocketAddress> api) implements PhaseAction {
    @Override
    public void run(RunState state) {
        String where = api.map(a -> "status API on " + a.getHostString() + ":" + a.getPort() + " (reach it with ssh -L "
                        + a.getPort() + ":127.0.0.1:" + a.getPort() + ")")
                .orElse("no status API in this run");
        events.log(Phase.READY, where + "; deadline for confirmation " + state.deadline());
    }
}
