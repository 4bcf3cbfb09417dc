package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.protocol.After;
import dev.reinstaller.protocol.InstallSources;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What is the same for every server of one run.
 *
 * @param agentDist the unpacked agent distribution (directory with the {@code reinstaller-agent} launcher)
 * @param bundle the kexec bundle directory (manifest, kernel, initrd)
 * @param remoteDir where both go on the old host
 * @param identities SSH private keys for root
 * @param knownHosts the known_hosts file for the old hosts (and where ramdisk keys are recorded)
 * @param trustFirstUse record an old host's key on first contact instead of refusing
 * @param sshPort the old host's and the ramdisk's SSH port
 * @param statusPort the installer's status API port on the ramdisk's 127.0.0.1
 * @param initrdPort the installed system's initrd unlock SSH port (2222), for its known_hosts entry
 * @param deadlines the waits
 * @param extraFlake the operator's flake, passed to {@code reinstaller-agent install --extra-flake}
 * @param closure a prebuilt system closure: passed to {@code install --closure} and copied with
 *     {@code nix copy} when the installer waits for it
 * @param unlock after the installer reboots, unlock the new initrd on {@code initrdPort} and verify the
 *     installed host on {@code sshPort}; false stops once the installer reboots
 * @param after what the installer does at its end ({@code install --after}); with
 *     {@link After#POWEROFF} nothing is unlocked or verified: the host is reported installed but
 *     unverified, and no recovery runs for it
 * @param diskOnlyConfirmation the operator accepts a confirmation token bound to the disk alone on a host
 *     without a DMI serial or UUID ({@code plan} and {@code install --disk-only-confirmation}); without it
 *     the agent refuses such a host
 */
public record ReinstallSettings(
        Path agentDist,
        Path bundle,
        String remoteDir,
        List<Path> identities,
        Path knownHosts,
        boolean trustFirstUse,
        int sshPort,
        int statusPort,
        int initrdPort,
        Deadlines deadlines,
        Optional<String> extraFlake,
        Optional<String> closure,
        boolean unlock,
        After after,
        boolean diskOnlyConfirmation) {
    public ReinstallSettings {
        if (extraFlake == null || closure == null || after == null) {
            throw new IllegalArgumentException("extra flake, closure and after must be given or empty");
        }
        extraFlake.ifPresent(InstallSources::extraFlake);
        closure.ifPresent(InstallSources::closure);
        if (agentDist == null || bundle == null || remoteDir == null || !remoteDir.startsWith("/")) {
            throw new IllegalArgumentException("agent, bundle and an absolute remote directory are required");
        }
        if (sshPort < 1 || sshPort > 65535 || initrdPort < 1 || initrdPort > 65535 || sshPort == initrdPort) {
            throw new IllegalArgumentException("the SSH and initrd ports must be different ports in 1-65535, got "
                    + sshPort + " and " + initrdPort);
        }
        identities = List.copyOf(identities);
    }

    public String agentCommand() {
        return remoteDir + "/agent/reinstaller-agent";
    }

    public String remoteBundle() {
        return remoteDir + "/bundle";
    }
}
