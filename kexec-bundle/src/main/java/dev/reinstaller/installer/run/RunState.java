package dev.reinstaller.installer.run;

import dev.reinstaller.installer.secrets.DiskKey;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.protocol.BootParameters;
import dev.reinstaller.protocol.Disk;
import java.time.Instant;
import java.util.Optional;

/**
 * What one run of the installer has learned so far, handed from phase to phase: the boot parameters
 * and runtime info (params), the disk key (params or confirm) and the disk confirmed as the target
 * (confirm). One instance per run, used by one thread at a time.
 */
public final class RunState {
    private final Instant startedAt;
    private BootParameters parameters;
    private LoadedInfo info;
    private DiskKey diskKey;
    private Disk target;
    private OldData oldData;

    public RunState(Instant startedAt) {
        this.startedAt = startedAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** When the watchdog gives up on reaching the point of no return: start plus the boot deadline. */
    public Instant deadline() {
        return startedAt.plus(parameters == null ? BootParameters.DEFAULT_DEADLINE : parameters.deadline());
    }

    public void parameters(BootParameters parameters) {
        this.parameters = parameters;
    }

    public BootParameters parameters() {
        if (parameters == null) {
            throw InstallerException.permanent("no boot parameters: the params phase did not run in this run");
        }
        return parameters;
    }

    public void info(LoadedInfo info) {
        this.info = info;
    }

    public LoadedInfo info() {
        if (info == null) {
            throw InstallerException.permanent("no runtime info: the params phase did not run in this run");
        }
        return info;
    }

    public void diskKey(DiskKey diskKey) {
        this.diskKey = diskKey;
    }

    public Optional<DiskKey> diskKey() {
        return Optional.ofNullable(diskKey);
    }

    /** Records the disk that {@code confirm} matched against runtime info. */
    public void target(Disk target) {
        this.target = target;
    }

    /** Records what partition did to the old data (zeroed, or kept by {@code reinstaller.wipe=none}). */
    public void oldData(OldData oldData) {
        this.oldData = oldData;
    }

    /** What partition did to the old data; empty when partition did not run in this run. */
    public Optional<OldData> oldData() {
        return Optional.ofNullable(oldData);
    }

    /** The confirmed target disk; only a passed confirm sets it. */
    public Disk target() {
        if (target == null) {
            throw InstallerException.refused("no confirmed target disk: the confirm phase did not pass in this run");
        }
        return target;
    }
}
