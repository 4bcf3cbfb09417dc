package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.hetzner.Server;
import java.time.Duration;
import java.util.List;

/** How one server's reinstall ended. */
public sealed interface ServerOutcome {
    Server server();

    Duration took();

    /**
     * The installer finished and the machine reboots into the new system.
     *
     * @param ramdiskHostKey fingerprint of the ramdisk's host key (pinned for the tunnel)
     * @param hostKeys the installed system's keys as the installer reported them
     */
    record Done(Server server, String ramdiskHostKey, List<InstalledKey> hostKeys, Duration took)
            implements ServerOutcome {
        public Done {
            hostKeys = List.copyOf(hostKeys);
        }

        /** The installed key for a purpose ({@link InstalledKey#SSH}, {@link InstalledKey#INITRD}). */
        public java.util.Optional<InstalledKey> key(String purpose) {
            return hostKeys.stream().filter(k -> k.purpose().equals(purpose)).findFirst();
        }
    }

    /**
     * It stopped.
     *
     * @param stage where it stopped
     * @param kind how to report it (exit code category)
     * @param message what was attempted against what, and what happened
     */
    record Failed(Server server, Stage stage, Kind kind, String message, Duration took) implements ServerOutcome {}

    /** Failure categories; they map onto the CLI's exit codes. */
    enum Kind {
        FAILED,
        REFUSED,
        REMOTE,
        TIMEOUT,
        BAD_INPUT
    }
}
