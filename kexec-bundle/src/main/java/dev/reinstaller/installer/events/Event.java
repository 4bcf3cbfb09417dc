package dev.reinstaller.installer.events;

import dev.reinstaller.installer.system.InstallerException;
import java.time.Instant;
import java.util.List;

/**
 * What the installer reports, one record per kind. Events go to the console as
 * {@code REINSTALLER {json}} lines and into the {@link EventLog}; they never carry a secret (the
 * disk key, private host keys), which is why no event takes raw bytes.
 */
public sealed interface Event {

    /** A phase began. */
    record PhaseStarted(Phase phase) implements Event {}

    /** A phase completed after {@code millis}. */
    record PhaseFinished(Phase phase, long millis) implements Event {}

    /**
     * A phase failed.
     *
     * @param pointOfNoReturnPassed true when the disk may already have been changed, so the installer
     *     stays up with the error instead of rebooting into the old system
     */
    record PhaseFailed(Phase phase, InstallerException.Category category, String message, boolean pointOfNoReturnPassed)
            implements Event {}

    /** A line of output or a note from a phase. */
    record LogLine(Phase phase, String line) implements Event {}

    /** Progress of a step inside a phase: {@code done} of {@code total} units. */
    record Progress(Phase phase, String step, long done, long total) implements Event {
        public Progress {
            if (done < 0 || total <= 0 || done > total) {
                throw new IllegalArgumentException("progress " + done + "/" + total + " is out of range");
            }
        }
    }

    /** A phase waits for something from the operator until {@code deadline}. */
    record Waiting(Phase phase, String what, Instant deadline) implements Event {}

    /** Fingerprints of host keys the operator should pin. */
    record HostKeys(List<Fingerprint> keys) implements Event {
        public HostKeys {
            keys = List.copyOf(keys);
        }
    }

    /** The run ended with every selected phase passed. */
    record RunCompleted(List<Phase> phases) implements Event {
        public RunCompleted {
            phases = List.copyOf(phases);
        }
    }

    /**
     * The machine reboots in {@code inSeconds}.
     *
     * @param toOldSystem true when nothing was written and firmware will boot the untouched old system
     */
    record Rebooting(String reason, long inSeconds, boolean toOldSystem) implements Event {}

    /** The machine powers off in {@code inSeconds}, installed ({@code reinstaller.after=poweroff}). */
    record PoweringOff(String reason, long inSeconds) implements Event {}

    /**
     * One host key's fingerprint.
     *
     * @param purpose e.g. {@code ssh} (the installed host) or {@code initrd} (the unlock SSH server)
     * @param type key type, e.g. {@code ssh-ed25519}
     * @param sha256 OpenSSH-style {@code SHA256:...} fingerprint
     * @param publicKey the public key as {@code type base64} (no comment), so a client can write
     *     known_hosts entries without a first contact
     */
    record Fingerprint(String purpose, String type, String sha256, String publicKey) {}
}
