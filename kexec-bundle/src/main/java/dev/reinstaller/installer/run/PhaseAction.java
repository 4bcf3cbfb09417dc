package dev.reinstaller.installer.run;

/** The work of one phase. Throws {@link dev.reinstaller.installer.system.InstallerException} to fail. */
@FunctionalInterface
public interface PhaseAction {
    void run(RunState state);
}
