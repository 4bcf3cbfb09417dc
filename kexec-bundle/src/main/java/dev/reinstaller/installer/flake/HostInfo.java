package dev.reinstaller.installer.flake;

import dev.reinstaller.hostinfo.DmiIdentity;
import dev.reinstaller.installer.hardware.NetDevices;
import dev.reinstaller.installer.hardware.Platform;
import dev.reinstaller.installer.network.NetworkPhase;
import dev.reinstaller.installer.run.LoadedInfo;
import dev.reinstaller.installer.run.RunState;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.LegacyRuntimeInfo;
import dev.reinstaller.protocol.Machine;
import dev.reinstaller.protocol.RuntimeInfo;
import java.util.List;

/**
 * The runtime info the installed host is built from. Current runtime info is used as it came; the
 * original system's is completed from this machine (DMI, architecture, firmware, the NIC it names,
 * matched here, the provider's resolvers) and the disk confirm checked, so its host gets the same
 * flake as any other.
 */
public final class HostInfo {
    private HostInfo() {}

    public static RuntimeInfo of(RunState state, InstallerPaths paths) {
        return switch (state.info()) {
            case LoadedInfo.Current c -> c.info();
            case LoadedInfo.Legacy l -> fromLegacy(l.info(), state, paths);
        };
    }

    private static RuntimeInfo fromLegacy(LegacyRuntimeInfo legacy, RunState state, InstallerPaths paths) {
        DmiIdentity dmi = DmiIdentity.read(paths.files());
        try {
            return new RuntimeInfo(
                    RuntimeInfo.SCHEMA_VERSION,
                    legacy.hostName().split("\\.", 2)[0],
                    legacy.hostId(),
                    new Machine(dmi.serial(), dmi.uuid(), dmi.vendor(), dmi.product()),
                    Platform.architecture(paths),
                    Platform.firmware(paths),
                    legacy.rootAuthorizedKeys(),
                    List.of(state.target()),
                    List.of(NetworkPhase.legacyNic(legacy, new NetDevices(paths).physical())),
                    List.of(),
                    NetworkPhase.legacyResolvers(dmi),
                    null);
        } catch (IllegalArgumentException e) {
            throw InstallerException.permanent(
                    "the original system's runtime info cannot describe the new host: " + e.getMessage());
        }
    }
}
