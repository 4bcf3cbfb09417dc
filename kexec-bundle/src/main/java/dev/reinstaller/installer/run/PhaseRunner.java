package dev.reinstaller.installer.run;

import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.secrets.DiskKey;
import dev.reinstaller.installer.system.Clock;
import dev.reinstaller.installer.system.GatedDiskWriter;
import dev.reinstaller.installer.system.InstallerException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the selected phases in their fixed order, each between a started and a finished (or failed)
 * event, and owns the point of no return:
 *
 * <ul>
 *   <li>a destructive phase ({@link Phase#destructive}) runs only when {@link Phase#CONFIRM} passed
 *       earlier in the same run; a selection with a destructive phase but without confirm is refused
 *       before anything runs;
 *   <li>a selection naming a phase that cannot run here ({@link PhaseAction#unavailable}: the ramdisk
 *       image lacks the host flake's inputs, for example) is refused before anything runs, so no run
 *       wipes a disk it cannot finish installing;
 *   <li>the {@link GatedDiskWriter} the phases share is opened here, right after confirm passed and
 *       the {@link Watchdog} stood down, and nowhere else (a watchdog that cannot stand down fails
 *       confirm, since its reboot would cut the install in half);
 *   <li>a failure before that point takes the watchdog path (reboot into the old system after a grace
 *       period); a failure after it stops without a reboot and leaves the error standing.
 * </ul>
 *
 * The phases stop at the first failure. The disk key is wiped from memory when the run ends. One
 * runner serves one run.
 */
public final class PhaseRunner {
    private final Map<Phase, PhaseAction> actions;
    private final Events events;
    private final Watchdog watchdog;
    private final GatedDiskWriter diskWriter;
    private final Clock clock;

    public PhaseRunner(
            Map<Phase, PhaseAction> actions,
            Events events,
            Watchdog watchdog,
            GatedDiskWriter diskWriter,
            Clock clock) {
        EnumMap<Phase, PhaseAction> copy = new EnumMap<>(Phase.class);
        copy.putAll(actions);
        for (Phase phase : Phase.values()) {
            if (!copy.containsKey(phase)) {
                throw new IllegalArgumentException("no action for phase " + phase.wire());
            }
        }
        this.actions = copy;
        this.events = events;
        this.watchdog = watchdog;
        this.diskWriter = diskWriter;
        this.clock = clock;
    }

    /** Runs {@code selection} (in phase order, whatever the set's order) with a fresh {@link RunState}. */
    public Outcome run(Set<Phase> selection) {
        return run(selection, new RunState(clock.now()));
    }

    Outcome run(Set<Phase> selection, RunState state) {
        try {
            return runPhases(selection, state);
        } finally {
            state.diskKey().ifPresent(DiskKey::close);
        }
    }

    private Outcome runPhases(Set<Phase> selection, RunState state) {
        if (diskWriter.isOpen()) {
            throw new IllegalStateException("the disk writer is already open: a runner serves one run");
        }
        for (Phase phase : Phase.values()) {
            Optional<String> unavailable =
                    selection.contains(phase) ? actions.get(phase).unavailable() : Optional.empty();
            if (unavailable.isPresent()) {
                return refuse(phase, unavailable.get());
            }
            if (phase.destructive() && selection.contains(phase) && !selection.contains(Phase.CONFIRM)) {
                return refuse(phase);
            }
        }
        boolean confirmed = false;
        for (Phase phase : Phase.values()) {
            if (!selection.contains(phase)) {
                continue;
            }
            if (phase.destructive() && !confirmed) {
                return refuse(phase);
            }
            events.emit(new Event.PhaseStarted(phase));
            Instant started = clock.now();
            try {
                actions.get(phase).run(state);
                if (phase == Phase.CONFIRM) {
                    watchdog.pointOfNoReturn();
                }
            } catch (InstallerException e) {
                return fail(phase, e.category(), e.getMessage(), confirmed);
            } catch (Processes.ProcessException e) {
                return fail(phase, InstallerException.category(e), e.getMessage(), confirmed);
            } catch (RuntimeException e) {
                return fail(
                        phase,
                        InstallerException.Category.PERMANENT,
                        "internal error in phase " + phase.wire() + ": " + e,
                        confirmed);
            }
            events.emit(new Event.PhaseFinished(
                    phase, Duration.between(started, clock.now()).toMillis()));
            if (phase == Phase.CONFIRM) {
                confirmed = true;
                diskWriter.open();
            }
        }
        events.emit(new Event.RunCompleted(
                Arrays.stream(Phase.values()).filter(selection::contains).toList()));
        return new Outcome.Completed();
    }

    private Outcome refuse(Phase phase) {
        return refuse(
                phase,
                "phase " + phase.wire() + " changes the disk and runs only after confirm passed in the same run;"
                        + " add confirm to the phases");
    }

    private Outcome refuse(Phase phase, String message) {
        events.emit(new Event.PhaseFailed(phase, InstallerException.Category.REFUSED, message, false));
        return new Outcome.Refused(phase, message);
    }

    private Outcome fail(Phase phase, InstallerException.Category category, String message, boolean confirmed) {
        events.emit(new Event.PhaseFailed(phase, category, message, confirmed));
        if (confirmed) {
            events.log(phase, "past the point of no return: not rebooting; the error and the log stay available");
            return new Outcome.FailedAfterPointOfNoReturn(phase, message);
        }
        watchdog.rebootToOldSystem(phase.wire() + " failed: " + message);
        return new Outcome.RebootedToOldSystem(phase, message);
    }
}
