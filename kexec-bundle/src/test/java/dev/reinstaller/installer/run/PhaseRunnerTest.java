package dev.reinstaller.installer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.system.FakeClock;
import dev.reinstaller.installer.system.GatedDiskWriter;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.RecordingDiskWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PhaseRunnerTest {
    private final FakeClock clock = new FakeClock();
    private final EventLog events = new EventLog(clock, new PrintWriter(new StringWriter()));
    private final RecordingWatchdog watchdog = new RecordingWatchdog();
    private final RecordingDiskWriter disk = new RecordingDiskWriter();
    private final GatedDiskWriter gate = new GatedDiskWriter(disk);
    private final List<Phase> ran = new ArrayList<>();
    private final Map<Phase, PhaseAction> actions = new EnumMap<>(Phase.class);

    PhaseRunnerTest() {
        for (Phase phase : Phase.values()) {
            actions.put(phase, state -> {
                ran.add(phase);
                clock.advance(Duration.ofMillis(5));
                if (phase.destructive()) {
                    gate.run(List.of("wipefs", "-a", "/dev/" + phase.wire()), Duration.ofSeconds(1));
                }
            });
        }
    }

    private PhaseRunner runner() {
        return new PhaseRunner(actions, events, watchdog, gate, clock);
    }

    @Test
    void runsTheSelectionInPhaseOrderAndOpensTheDiskOnlyAfterConfirm() {
        Outcome outcome = runner().run(EnumSet.of(Phase.ZFS, Phase.PARAMS, Phase.CONFIRM, Phase.PARTITION));

        assertThat(outcome).isEqualTo(new Outcome.Completed());
        assertThat(ran).containsExactly(Phase.PARAMS, Phase.CONFIRM, Phase.PARTITION, Phase.ZFS);
        assertThat(disk.commandLines()).containsExactly("wipefs -a /dev/partition", "wipefs -a /dev/zfs");
        assertThat(watchdog.pointOfNoReturnCalls()).isEqualTo(1);
        assertThat(watchdog.reboots()).isEmpty();
        assertThat(events.events())
                .startsWith(new Event.PhaseStarted(Phase.PARAMS), new Event.PhaseFinished(Phase.PARAMS, 5));
    }

    @Test
    void aDestructivePhaseWithoutConfirmIsRefusedBeforeAnythingRuns() {
        Outcome outcome = runner().run(EnumSet.of(Phase.PARAMS, Phase.PARTITION));

        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
        assertThat(ran).isEmpty();
        assertThat(disk.calls()).isEmpty();
        assertThat(watchdog.reboots()).isEmpty();
        assertThat(events.events()).singleElement().isInstanceOfSatisfying(Event.PhaseFailed.class, f -> {
            assertThat(f.phase()).isEqualTo(Phase.PARTITION);
            assertThat(f.category()).isEqualTo(InstallerException.Category.REFUSED);
            assertThat(f.message()).contains("only after confirm passed");
        });
    }

    @Test
    void aFailedConfirmTakesTheWatchdogPathAndNothingDestructiveRuns() {
        actions.put(Phase.CONFIRM, state -> {
            throw InstallerException.refused("disk sda serial differs");
        });

        Outcome outcome = runner().run(PhaseSelection.all());

        assertThat(outcome).isEqualTo(new Outcome.RebootedToOldSystem(Phase.CONFIRM, "disk sda serial differs"));
        assertThat(ran).containsExactly(Phase.PARAMS, Phase.NETWORK, Phase.READY);
        assertThat(disk.calls()).isEmpty();
        assertThat(gate.isOpen()).isFalse();
        assertThat(watchdog.reboots()).containsExactly("confirm failed: disk sda serial differs");
        assertThat(events.events())
                .contains(new Event.PhaseFailed(
                        Phase.CONFIRM, InstallerException.Category.REFUSED, "disk sda serial differs", false));
    }

    @Test
    void aWatchdogThatCannotStandDownFailsConfirmAndKeepsTheDiskClosed() {
        Watchdog stuck = new Watchdog() {
            @Override
            public void pointOfNoReturn() {
                throw InstallerException.permanent("systemd-notify failed");
            }

            @Override
            public void rebootToOldSystem(String reason) {
                watchdog.rebootToOldSystem(reason);
            }
        };

        Outcome outcome =
                new PhaseRunner(actions, events, stuck, gate, clock).run(EnumSet.of(Phase.CONFIRM, Phase.PARTITION));

        assertThat(outcome).isInstanceOf(Outcome.RebootedToOldSystem.class);
        assertThat(gate.isOpen()).isFalse();
        assertThat(disk.calls()).isEmpty();
    }

    @Test
    void aFailurePastThePointOfNoReturnStaysUpWithoutRebooting() {
        actions.put(Phase.ZFS, state -> {
            throw InstallerException.permanent("zpool create failed");
        });

        Outcome outcome = runner().run(EnumSet.of(Phase.CONFIRM, Phase.PARTITION, Phase.ZFS, Phase.KEYS));

        assertThat(outcome).isEqualTo(new Outcome.FailedAfterPointOfNoReturn(Phase.ZFS, "zpool create failed"));
        assertThat(ran).containsExactly(Phase.CONFIRM, Phase.PARTITION);
        assertThat(watchdog.reboots()).isEmpty();
        assertThat(events.events())
                .contains(new Event.PhaseFailed(
                        Phase.ZFS, InstallerException.Category.PERMANENT, "zpool create failed", true));
    }

    @Test
    void aBugInAPhaseIsAPermanentFailureNamingThePhase() {
        actions.put(Phase.PARAMS, state -> {
            throw new IllegalStateException("boom");
        });

        Outcome outcome = runner().run(EnumSet.of(Phase.PARAMS));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.RebootedToOldSystem.class,
                        r -> assertThat(r.message())
                                .isEqualTo("internal error in phase params: java.lang.IllegalStateException: boom"));
    }

    @Test
    void missingPhasesAndUnknownNamesAreRejected() {
        actions.remove(Phase.KEYS);
        assertThatThrownBy(this::runner).hasMessageContaining("keys");
        assertThat(PhaseSelection.parse("zfs, params")).containsExactly(Phase.PARAMS, Phase.ZFS);
        assertThatThrownBy(() -> PhaseSelection.parse("params,partiton"))
                .hasMessageContaining("unknown phase 'partiton'")
                .hasMessageContaining("params,network,ready,confirm");
    }

    @Test
    void aSelectionNamingAPhaseThatCannotRunHereIsRefusedBeforeAnythingRuns() {
        actions.put(Phase.FLAKE, new PhaseAction() {
            @Override
            public void run(RunState state) {
                ran.add(Phase.FLAKE);
            }

            @Override
            public Optional<String> unavailable() {
                return Optional.of("the flake phase cannot run: no inputs file");
            }
        });

        Outcome outcome = runner().run(PhaseSelection.all());

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Refused.class,
                        r -> assertThat(r.message()).isEqualTo("the flake phase cannot run: no inputs file"));
        assertThat(ran).isEmpty();
        assertThat(disk.calls()).isEmpty();
        assertThat(watchdog.reboots()).isEmpty();
    }
}
