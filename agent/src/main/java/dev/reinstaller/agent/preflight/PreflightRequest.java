package dev.reinstaller.agent.preflight;

import dev.reinstaller.agent.bundle.Bundle;
import dev.reinstaller.protocol.RuntimeInfo;
import java.util.Optional;

/**
 * What to check.
 *
 * @param bundle the kexec bundle that would be loaded
 * @param info runtime info gathered on this host (the target disk is checked against sysfs)
 * @param commandLine the whole kernel command line that would be passed
 * @param diskKey the raw disk passphrase as read (a trailing newline allowed); absent in a plain
 *     {@code preflight}, then the passphrase check only warns
 * @param probeLoad whether to load the bundle's kernel and initrd for real and unload them again
 */
public record PreflightRequest(
        Bundle bundle, RuntimeInfo info, String commandLine, Optional<byte[]> diskKey, boolean probeLoad) {
    public PreflightRequest {
        if (bundle == null || info == null || commandLine == null || diskKey == null) {
            throw new IllegalArgumentException("a preflight request needs a bundle, runtime info and a command line");
        }
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "PreflightRequest[" + bundle.dir() + ", " + info.hostName() + ", "
                + commandLine.length() + " characters, key " + (diskKey.isPresent() ? "given" : "absent")
                + ", probeLoad=" + probeLoad + "]";
    }
}
