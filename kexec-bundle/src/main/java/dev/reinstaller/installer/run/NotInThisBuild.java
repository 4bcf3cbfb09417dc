package dev.reinstaller.installer.run;

import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.system.InstallerException;

/**
 * Stands in for a phase this build does not have yet (flake, install). The runner refuses a selection
 * that names one before anything runs, so a run never wipes a disk it cannot finish; should it run
 * anyway, it fails rather than passes.
 */
public record NotInThisBuild(Phase phase) implements PhaseAction {
    public String reason() {
        return "phase " + phase.wire() + " is not part of this installer build; run the implemented phases with"
                + " --phases";
    }

    @Override
    public void run(RunState state) {
        throw InstallerException.permanent(reason());
    }
}
