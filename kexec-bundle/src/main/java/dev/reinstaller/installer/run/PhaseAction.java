package dev.reinstaller.installer.run;

import java.util.Optional;

/** The work of one phase. Throws {@link dev.reinstaller.installer.system.InstallerException} to fail. */
@FunctionalInterface
public interface PhaseAction {
    void run(RunState state);

    /**
     * Why this phase cannot run on this machine at all (a file the ramdisk image lacks, an option that
     * cannot work), checked for every selected phase before the first one starts, so a run never
     * passes the point of no return towards a phase that must fail. Empty when it can run.
     */
    default Optional<String> unavailable() {
        return Optional.empty();
    }
}
