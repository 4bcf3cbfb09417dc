package dev.reinstaller.installer.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.installer.system.FakeClock;
import dev.reinstaller.installer.system.InstallerException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {
    private final FakeClock clock = new FakeClock();
    private final StringWriter console = new StringWriter();

    @Test
    void everyEventIsOneNumberedConsoleLineAndKeptInOrder() throws Exception {
        EventLog log = new EventLog(clock, new PrintWriter(console));

        log.emit(new Event.PhaseStarted(Phase.PARAMS));
        clock.advance(Duration.ofSeconds(2));
        log.log(Phase.PARAMS, "two\nlines \"quoted\"");
        log.emit(new Event.PhaseFailed(Phase.CONFIRM, InstallerException.Category.REFUSED, "wrong disk", false));

        List<String> lines = console.toString().lines().toList();
        assertThat(lines).hasSize(3).allMatch(l -> l.startsWith("REINSTALLER {"));
        JsonNode second = JsonMapper.builder().build().readTree(lines.get(1).substring("REINSTALLER ".length()));
        assertThat(second.get("seq").asLong()).isEqualTo(2);
        assertThat(second.get("at").asText()).isEqualTo("2026-01-01T00:00:02Z");
        assertThat(second.get("type").asText()).isEqualTo("log");
        assertThat(second.get("line").asText()).isEqualTo("two\nlines \"quoted\"");
        assertThat(lines.get(2))
                .contains("\"type\":\"phase-failed\"", "\"category\":\"refused\"", "\"pointOfNoReturnPassed\":false");
        assertThat(log.entries()).extracting(EventLog.Entry::seq).containsExactly(1L, 2L, 3L);
        assertThat(log.after(1)).extracting(EventLog.Entry::seq).containsExactly(2L, 3L);
    }

    @Test
    void dropsTheOldestBeyondCapacityAndSaysWhereTheLogNowStarts() {
        EventLog log = new EventLog(clock, new PrintWriter(console), 2);

        for (int i = 0; i < 5; i++) {
            log.log(Phase.INSTALL, "line " + i);
        }

        assertThat(log.entries()).extracting(EventLog.Entry::seq).containsExactly(4L, 5L);
        assertThat(log.oldestSeq()).isEqualTo(4);
        assertThat(console.toString().lines()).hasSize(5);
    }

    @Test
    void everyKindHasAStableType() {
        EventLog log = new EventLog(clock, new PrintWriter(console));
        log.emit(new Event.PhaseFinished(Phase.ZFS, 1200));
        log.emit(new Event.Progress(Phase.INSTALL, "copy", 3, 10));
        log.emit(new Event.Waiting(Phase.CONFIRM, "disk key", clock.now()));
        log.emit(new Event.HostKeys(
                List.of(new Event.Fingerprint("ssh", "ssh-ed25519", "SHA256:abc", "ssh-ed25519 AAAA"))));
        log.emit(new Event.Rebooting("deadline", 30, true));

        assertThat(console.toString())
                .contains(
                        "\"type\":\"phase-finished\",\"phase\":\"zfs\",\"millis\":1200",
                        "\"type\":\"progress\"",
                        "\"type\":\"waiting\",\"phase\":\"confirm\",\"what\":\"disk key\"",
                        "\"keys\":[{\"purpose\":\"ssh\",\"type\":\"ssh-ed25519\",\"sha256\":\"SHA256:abc\",\"publicKey\":\"ssh-ed25519 AAAA\"}]",
                        "\"type\":\"rebooting\",\"reason\":\"deadline\",\"inSeconds\":30,\"toOldSystem\":true");
    }

    @Test
    void phasesKnowTheirWireNamesAndWhichAreDestructive() {
        assertThat(Phase.fromWire("zfs")).contains(Phase.ZFS);
        assertThat(Phase.fromWire("ZFS")).isEmpty();
        assertThat(Phase.CONFIRM.destructive()).isFalse();
        assertThat(Phase.PARTITION.destructive()).isTrue();
        assertThat(Phase.REBOOT.destructive()).isTrue();
    }

    @Test
    void subscribersGetTheReplayThenNewEntriesWithoutGapsAndCanLeave() {
        EventLog log = new EventLog(clock, new PrintWriter(console));
        log.log(Phase.PARAMS, "a");
        log.log(Phase.PARAMS, "b");
        java.util.concurrent.atomic.AtomicInteger wakes = new java.util.concurrent.atomic.AtomicInteger();

        Subscription subscription = log.subscribe(1, 1 << 20, wakes::incrementAndGet);
        Subscription.Batch replay = subscription.next(10, 1 << 20);
        Subscription.Batch caughtUp = subscription.next(10, 1 << 20);
        log.log(Phase.PARAMS, "c");
        Subscription.Batch live = subscription.next(10, 1 << 20);
        subscription.close();
        log.log(Phase.PARAMS, "d");

        assertThat(replay.entries()).extracting(k -> k.entry().seq()).containsExactly(2L);
        assertThat(replay.entries().getFirst().json()).contains("\"line\":\"b\"");
        assertThat(caughtUp.isEmpty()).isTrue();
        assertThat(live.entries()).extracting(k -> k.entry().seq()).containsExactly(3L);
        assertThat(wakes).hasValue(1);
        assertThat(log.subscribers()).isZero();
    }

    @Test
    void aReaderThatFallsBehindByItsQueueIsToldSoOnceAndGetsNothingMore() {
        EventLog log = new EventLog(clock, new PrintWriter(console));
        log.log(Phase.PARAMS, "history is not counted against a new reader");
        java.util.concurrent.atomic.AtomicInteger wakes = new java.util.concurrent.atomic.AtomicInteger();
        Subscription subscription = log.subscribe(0, 1000, wakes::incrementAndGet);

        for (int i = 0; i < 20; i++) {
            log.log(Phase.INSTALL, "line " + i);
        }
        Subscription.Batch batch = subscription.next(100, 1 << 20);

        assertThat(batch.behind()).isTrue();
        assertThat(batch.entries()).isEmpty();
        assertThat(batch.lastSeq()).isZero();
        assertThat(wakes).hasValue(1);
        assertThat(subscription.next(100, 1 << 20).behind()).isTrue();
    }

    @Test
    void theHistoryIsBoundedByBytesAndAResumeFromBeforeItSaysWhatIsMissing() {
        EventLog log = new EventLog(clock, new PrintWriter(console), 1000, 10_000);
        for (int i = 0; i < 200; i++) {
            log.log(Phase.INSTALL, "line " + i);
        }
        long oldest = log.oldestSeq();
        Subscription subscription = log.subscribe(0, 1 << 20, () -> {});
        Subscription.Batch first = subscription.next(1000, 1 << 20);

        assertThat(oldest).isGreaterThan(100);
        assertThat(log.entries().size()).isLessThan(100);
        assertThat(first.missedFrom()).isEqualTo(1);
        assertThat(first.missedTo()).isEqualTo(oldest - 1);
        assertThat(first.entries().getFirst().entry().seq()).isEqualTo(oldest);
        assertThat(first.lastSeq()).isEqualTo(200);
    }
}
