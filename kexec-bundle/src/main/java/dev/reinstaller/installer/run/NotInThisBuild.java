package dev.reinstaller.installer.run;

import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.system.InstallerException;

/**
 * Stands in for a phase this build does not have yet (network, ready, keys, flake, install, finalize,
 * reboot). It fails instead of passing silently: a run that needs the phase stops there (before the
 * point of no return: the watchdog path) rather than rebooting into a disk without a system.
 */
public record NotInThisBuild(Phase phase) implements PhaseAction {
    @Override
    public void run(RunState state) {
        throw InstallerException.permanent("phase " + phase.wire()
                + " is not part of this installer build; run the implemented phases with --phases");
    }
}
