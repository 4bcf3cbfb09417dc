package dev.reinstaller.cloud.reinstall;

import java.time.Duration;
import java.util.List;

/** How one server's reinstall ended. */
public sealed interface ServerOutcome {
    Host server();

    Duration took();

    /**
     * The installer finished and the machine reboots into the new system.
     *
     * @param ramdiskHostKey fingerprint of the ramdisk's host key (pinned for the tunnel)
     * @param hostKeys the installed system's keys as the installer reported them
     * @param verification what the installed host said about itself; empty when it was not unlocked
     *     and verified ({@code --no-unlock}, {@code --after poweroff}, or the installer completed
     *     without a reboot)
     * @param note how it came about, when worth saying (a second attempt from rescue); empty otherwise
     */
    record Done(
            Host server,
            String ramdiskHostKey,
            List<InstalledKey> hostKeys,
            Duration took,
            java.util.Optional<Verification> verification,
            String note)
            implements ServerOutcome {
        public Done {
            hostKeys = List.copyOf(hostKeys);
            if (verification == null || note == null) {
                throw new IllegalArgumentException("verification and note must be given or empty");
            }
        }

        /** Not verified, no note. */
        public Done(Host server, String ramdiskHostKey, List<InstalledKey> hostKeys, Duration took) {
            this(server, ramdiskHostKey, hostKeys, took, java.util.Optional.empty(), "");
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
     * @param planned what the first plan found, when it got that far (a rescue attempt needs it)
     */
    record Failed(
            Host server, Stage stage, Kind kind, String message, Duration took, java.util.Optional<Planned> planned)
            implements ServerOutcome {
        public Failed {
            if (planned == null) {
                throw new IllegalArgumentException("planned must be given or empty");
            }
        }

        /** Failed before anything was planned. */
        public Failed(Host server, Stage stage, Kind kind, String message, Duration took) {
            this(server, stage, kind, message, took, java.util.Optional.empty());
        }
    }

    /** Failure categories; they map onto the CLI's exit codes. */
    enum Kind {
        FAILED,
        REFUSED,
        REMOTE,
        TIMEOUT,
        BAD_INPUT
    }
}
