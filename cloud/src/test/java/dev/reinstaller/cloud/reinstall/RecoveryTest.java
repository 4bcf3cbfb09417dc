package dev.reinstaller.cloud.reinstall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.hetzner.tomsdevsn.TomsdevsnHetznerApi;
import dev.reinstaller.cloud.testing.FakeHetzner;
import dev.reinstaller.cloud.testing.FakeHetzner.Answer;
import dev.reinstaller.cloud.testing.FakeTime;
import dev.reinstaller.cloud.testing.HetznerClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --on-failure} against a scripted API: actions run, then succeed or fail. */
class RecoveryTest {
    private static final Host WEB =
            Host.of(new Server(42, "web-1", "running", Optional.of("192.0.2.7"), Optional.empty(), false, Map.of()));
    private static final ServerOutcome.Failed NO_RAMDISK = new ServerOutcome.Failed(
            WEB, Stage.RAMDISK, ServerOutcome.Kind.TIMEOUT, "no ramdisk within 300 s", Duration.ofMinutes(5));

    private FakeHetzner fake;
    private FakeTime time;
    private TomsdevsnHetznerApi api;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeHetzner();
        time = new FakeTime();
        api = HetznerClients.against(fake, time.waiter(), Duration.ofMinutes(2));
    }

    @AfterEach
    void stop() {
        api.close();
        fake.close();
    }

    private Recovery recovery(Recovery.Mode mode) {
        return new Recovery(api, time.waiter(), mode, Duration.ofMinutes(5));
    }

    @Test
    void resetWaitsForTheActionAndSaysSo() {
        fake.always(
                "POST /servers/42/actions/reset",
                Answer.json(201, FakeHetzner.actionJson(9, "reset_server", "running", 0)));
        fake.then("GET /actions/9", Answer.json(200, FakeHetzner.actionJson(9, "reset_server", "running", 50)));
        fake.always("GET /actions/9", Answer.json(200, FakeHetzner.actionJson(9, "reset_server", "success", 100)));

        ServerOutcome outcome = recovery(Recovery.Mode.RESET).apply(NO_RAMDISK);

        assertThat(outcome).isInstanceOfSatisfying(ServerOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(ServerOutcome.Kind.TIMEOUT);
            assertThat(f.message()).startsWith("no ramdisk within 300 s; --on-failure reset: reset (action 9) done");
        });
        assertThat(fake.count("POST", "/servers/42/actions/reset")).isEqualTo(1);
        assertThat(fake.count("GET", "/actions/9")).isEqualTo(2);
    }

    @Test
    void rescueEnablesRescueWithTheProjectKeysThenResets() {
        fake.always(
                "GET /ssh_keys",
                Answer.json(
                        200,
                        FakeHetzner.page(
                                "ssh_keys",
                                List.of(
                                        "{\"id\":3,\"name\":\"ops\",\"fingerprint\":\"aa:bb\",\"public_key\":\"ssh-ed25519 AAAA\","
                                                + "\"labels\":{},\"created\":\"2024-01-01T00:00:00+00:00\"}"),
                                null)));
        HetznerClients.rescueThenReset(fake, 42, "running");

        ServerOutcome outcome = recovery(Recovery.Mode.RESCUE).apply(NO_RAMDISK);

        assertThat(((ServerOutcome.Failed) outcome).message())
                .contains("--on-failure rescue: rescue enabled (action 11, 1 SSH keys) and reset (action 9) done")
                .doesNotContain("pw");
        List<String> calls =
                fake.seen().stream().map(s -> s.method() + " " + s.path()).toList();
        assertThat(calls)
                .containsSubsequence(
                        "GET /ssh_keys",
                        "POST /servers/42/actions/enable_rescue",
                        "GET /actions/11",
                        "POST /servers/42/actions/reset");
        assertThat(fake.seen())
                .filteredOn(s -> s.path().endsWith("enable_rescue"))
                .singleElement()
                .satisfies(s -> assertThat(s.body()).contains("\"linux64\"").containsPattern("\"ssh_keys\":\\[3\\]"));
    }

    @Test
    void aFailedActionIsReportedNotThrown() {
        fake.always(
                "POST /servers/42/actions/reset",
                Answer.json(201, FakeHetzner.actionJson(9, "reset_server", "running", 0)));
        fake.always("GET /actions/9", Answer.json(200, FakeHetzner.actionJson(9, "reset_server", "error", 100)));

        ServerOutcome outcome = recovery(Recovery.Mode.RESET).apply(NO_RAMDISK);

        assertThat(((ServerOutcome.Failed) outcome).message())
                .contains("--on-failure reset failed:")
                .contains("it broke");
    }

    @Test
    void failuresBeforeTheKexecOrRefusalsAreLeftAlone() {
        ServerOutcome refused = new ServerOutcome.Failed(
                WEB, Stage.PREFLIGHT, ServerOutcome.Kind.REFUSED, "preflight refused", Duration.ofSeconds(3));
        ServerOutcome phaseFailed = new ServerOutcome.Failed(
                WEB, Stage.FOLLOW, ServerOutcome.Kind.REMOTE, "phase zfs failed", Duration.ofSeconds(3));

        assertThat(recovery(Recovery.Mode.RESCUE).apply(refused)).isSameAs(refused);
        assertThat(recovery(Recovery.Mode.RESET).apply(phaseFailed)).isSameAs(phaseFailed);
        assertThat(recovery(Recovery.Mode.NONE).apply(NO_RAMDISK)).isSameAs(NO_RAMDISK);
        assertThat(fake.seen()).isEmpty();
    }
}
