package dev.reinstaller.installer.confirm;

import dev.reinstaller.hostinfo.DmiIdentity;
import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.hardware.BlockDevices;
import dev.reinstaller.installer.inbox.ConfirmationSource;
import dev.reinstaller.installer.inbox.KeySource;
import dev.reinstaller.installer.run.LoadedInfo;
import dev.reinstaller.installer.run.PhaseAction;
import dev.reinstaller.installer.run.RunState;
import dev.reinstaller.installer.secrets.DiskKey;
import dev.reinstaller.installer.system.Clock;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.ConfirmationToken;
import dev.reinstaller.protocol.Disk;
import dev.reinstaller.protocol.Machine;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code confirm}, the guard before the point of no return. It passes only when, before the run's
 * deadline ({@code reinstaller.deadline}, counted from the start of the run):
 *
 * <ol>
 *   <li>this machine and its disk are exactly what runtime info describes ({@link IdentityCheck}); for
 *       the original system's runtime info, completed by the params phase from this very machine, this
 *       holds by construction;
 *   <li>a disk key is there (the cpio's, or one from the {@link KeySource}) that ZFS accepts: 8 to 512
 *       bytes, one line;
 *   <li>a confirmation token equal to {@link ConfirmationToken#of} for this machine and disk came from
 *       {@code reinstaller.confirm=} or, failing that, from the {@link ConfirmationSource}; where
 *       {@link LoadedInfo#explicitConfirmation} says so (the original system's runtime info), always
 *       from the latter.
 * </ol>
 *
 * It only reads: no command runs here. Its failure is a refusal, which the runner turns into the
 * watchdog path. On success the state holds the confirmed disk and the key.
 */
public record ConfirmPhase(
        InstallerPaths paths, Events events, Clock clock, KeySource keys, ConfirmationSource confirmations)
        implements PhaseAction {
    /** Pause after a wrong token: slows guessing and lets time reach the deadline. */
    static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    @Override
    public void run(RunState state) {
        Instant deadline = state.deadline();
        if (!clock.now().isBefore(deadline)) {
            throw InstallerException.refused("the deadline (" + deadline + ") passed before confirm began");
        }
        DmiIdentity dmi = DmiIdentity.read(paths.files());
        BlockDevices disks = new BlockDevices(paths);
        LoadedInfo loaded = state.info();
        IdentityCheck.check(loaded.info(), dmi, disks);
        Target target = new Target(loaded.info().machine(), loaded.info().targetDisk(), !loaded.explicitConfirmation());
        DiskKey key = state.diskKey().map(k -> k.check("the cpio's disk-key")).orElseGet(() -> awaitKey(deadline));
        String expected = ConfirmationToken.of(target.machine(), target.disk());
        Optional<String> given =
                target.tokenOnCommandLineCounts() ? state.parameters().confirm() : Optional.empty();
        if (given.isPresent()) {
            if (!ConfirmationToken.matches(expected, given.get())) {
                throw InstallerException.refused("reinstaller.confirm=" + given.get()
                        + " does not match this machine and disk (" + describe(target) + ")");
            }
        } else {
            awaitConfirmation(expected, target, deadline);
        }
        state.diskKey(key);
        state.target(target.disk());
        events.log(Phase.CONFIRM, "confirmed " + describe(target));
    }

    private DiskKey awaitKey(Instant deadline) {
        events.emit(new Event.Waiting(Phase.CONFIRM, "disk key (POST /disk-key or the console)", deadline));
        DiskKey key = keys.await(deadline)
                .orElseThrow(() -> InstallerException.refused("no disk key arrived before the deadline " + deadline
                        + ": the cpio held none and none was sent"));
        return key.check("the status API or console");
    }

    private void awaitConfirmation(String expected, Target target, Instant deadline) {
        events.emit(new Event.Waiting(
                Phase.CONFIRM,
                "confirmation token for " + describe(target) + " (POST /confirm or the console)",
                deadline));
        while (true) {
            Optional<String> token = confirmations.await(deadline);
            if (token.isEmpty()) {
                throw InstallerException.refused(
                        "no confirmation arrived before the deadline " + deadline + " for " + describe(target));
            }
            if (ConfirmationToken.matches(expected, token.get())) {
                return;
            }
            events.log(Phase.CONFIRM, "confirmation token '" + token.get() + "' does not match " + describe(target));
            clock.sleep(clock.until(deadline).compareTo(RETRY_PAUSE) < 0 ? clock.until(deadline) : RETRY_PAUSE);
            if (!clock.now().isBefore(deadline)) {
                throw InstallerException.refused("no matching confirmation arrived before the deadline " + deadline);
            }
        }
    }

    private static String describe(Target target) {
        Disk d = target.disk();
        return "machine " + target.machine().identity() + ", disk " + d.name() + " serial "
                + (d.serial() == null ? "none" : d.serial()) + ", " + d.sizeBytes() + " bytes";
    }

    /**
     * What is being confirmed.
     *
     * @param tokenOnCommandLineCounts false where the confirmation must be explicit
     */
    private record Target(Machine machine, Disk disk, boolean tokenOnCommandLineCounts) {}
}
