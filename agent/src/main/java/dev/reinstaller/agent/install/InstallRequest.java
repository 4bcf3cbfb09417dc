package dev.reinstaller.agent.install;

import dev.reinstaller.agent.bundle.Bundle;
import dev.reinstaller.protocol.RuntimeInfo;
import java.util.Optional;

/**
 * One install.
 *
 * @param info runtime info gathered on this host
 * @param bundle the verified-at-install kexec bundle
 * @param confirmationToken the token the user gave ({@code --confirm}); must match this host
 * @param diskKey the raw disk passphrase as read from a file, stdin or a prompt (one trailing newline
 *     allowed); never from argv
 * @param ramdiskHostKey a pre-generated OpenSSH private host key for the ramdisk, pinned by the caller
 * @param options how to install
 */
public record InstallRequest(
        RuntimeInfo info,
        Bundle bundle,
        String confirmationToken,
        byte[] diskKey,
        Optional<byte[]> ramdiskHostKey,
        InstallOptions options) {
    public InstallRequest {
        if (info == null || bundle == null || diskKey == null || ramdiskHostKey == null || options == null) {
            throw new IllegalArgumentException(
                    "an install request needs runtime info, a bundle, a disk key" + " and options");
        }
    }

    /** Never prints the keys or the token. */
    @Override
    public String toString() {
        return "InstallRequest[" + info.hostName() + ", " + bundle.dir() + ", token "
                + (confirmationToken == null ? "absent" : "given") + ", disk key " + diskKey.length
                + " bytes, host key "
                + (ramdiskHostKey.isPresent() ? "given" : "absent") + ", " + options + "]";
    }
}
