package dev.reinstaller.cloud.reinstall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.cloud.hetzner.tomsdevsn.TomsdevsnHetznerApi;
import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.testing.FakeHetzner;
import dev.reinstaller.cloud.testing.FakeHetzner.Answer;
import dev.reinstaller.cloud.testing.FakeHost;
import dev.reinstaller.cloud.testing.FakeStatusApi;
import dev.reinstaller.cloud.testing.HetznerClients;
import dev.reinstaller.cloud.testing.RecordingProcesses;
import dev.reinstaller.cloud.testing.TestKeys;
import dev.reinstaller.cloud.testing.TestSshServer.Reply;
import dev.reinstaller.cloud.wait.Waiter;
import dev.reinstaller.protocol.SshHostKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --on-failure rescue} end to end against the fake API and a MINA host: the first attempt's
 * ramdisk never answers, the API enables rescue and resets, and the agent runs again from the rescue
 * system (its new host key trusted for that attempt only) on the first plan's disk, with the first
 * runtime info.
 */
class RescueAttemptTest {
    static final String PASSPHRASE = "correct horse";

    @TempDir
    Path dir;

    private ServiceRig rig;
    private FakeHetzner fake;
    private TomsdevsnHetznerApi api;

    @BeforeEach
    void setUp() throws Exception {
        rig = new ServiceRig(dir);
        fake = new FakeHetzner();
        api = HetznerClients.against(fake, Waiter.system(), Duration.ofSeconds(10));
        fake.always("GET /ssh_keys", Answer.json(200, FakeHetzner.page("ssh_keys", List.of(), null)));
        HetznerClients.rescueThenReset(fake, 1, "success");
    }

    @AfterEach
    void tearDown() {
        api.close();
        fake.close();
        rig.close();
    }

    private ReinstallService service(FakeStatusApi status, FakeHost host, int initrdPort) {
        return rig.service(
                status.port(),
                host.port(),
                new ServiceRig.Setup(
                        Optional.empty(), true, initrdPort, RecordingProcesses.none(), ServiceRig.deadlines(2, 5)));
    }

    private FakeHost host() throws Exception {
        return new FakeHost(dir.resolve("h"), "web-1", rig.files().clientKey());
    }

    /** A first attempt whose ramdisk never answers, then recovery through rescue. */
    private ServerOutcome run(FakeHost host, FakeStatusApi status, int initrdPort) {
        SshHostKey elsewhere = SshHostKey.generate("lost-ramdisk", new SecureRandom());
        host.on(
                "install",
                stdin -> new Reply(0, "{\"ramdiskHostKey\":\"" + elsewhere.publicKeyLine() + "\"}", "", true));
        Path rescueKey = dir.resolve("rescue_host_key");
        TestKeys.write(rescueKey, "root@rescue");
        ReinstallService service = service(status, host, initrdPort);
        Recovery recovery = new Recovery(
                api,
                Waiter.system(),
                Recovery.Mode.RESCUE,
                Duration.ofSeconds(10),
                Optional.of((server, key, first) -> {
                    host.clear("install");
                    host.reboot(rescueKey);
                    return service.reinstallFromRescue(server, key, first);
                }));
        Host server = ServiceRig.server(1, "web-1");
        ServerOutcome first = service.reinstall(server, PASSPHRASE.getBytes(StandardCharsets.UTF_8));
        return recovery.apply(first, () -> PASSPHRASE.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fromRescueTheAgentRunsAgainOnTheFirstPlansDiskWithTheFirstRuntimeInfo() throws Exception {
        try (FakeHost host = host();
                FakeStatusApi status = new FakeStatusApi(
                        FakeStatusApi.happyRun(host.installedKey(), host.initrdKey()), Duration.ZERO)) {
            int initrdPort = host.startInitrd(PASSPHRASE, 0);

            ServerOutcome outcome = run(host, status, initrdPort);

            assertThat(outcome).isInstanceOfSatisfying(ServerOutcome.Done.class, done -> {
                assertThat(done.note())
                        .contains("no result within 2 s")
                        .contains("--on-failure rescue: rescue enabled (action 11, 0 SSH keys) and reset (action 9)")
                        .endsWith("installed from the rescue system");
                assertThat(done.verification().orElseThrow().ok()).isTrue();
            });
            List<String> commands = host.server().commands();
            String info = "/var/tmp/reinstaller/info/runtime-info.json";
            assertThat(commands)
                    .filteredOn(c -> c.contains(" plan "))
                    .containsExactly(
                            "/var/tmp/reinstaller/agent/reinstaller-agent plan --json",
                            "/var/tmp/reinstaller/agent/reinstaller-agent plan --disk '" + FakeHost.BY_ID + "' --json");
            assertThat(commands.getLast()).isEqualTo("ip -j addr");
            assertThat(commands)
                    .filteredOn(c -> c.contains(" install "))
                    .last()
                    .satisfies(c -> assertThat(c).contains(" install --info " + info + " --bundle "));
            assertThat(commands)
                    .filteredOn(c -> c.contains(" preflight --info " + info))
                    .hasSize(1);
            assertThat(Files.readString(dir.resolve("h/root" + info))).contains("\"hostName\":\"web-1\"");
            assertThat(rig.seen())
                    .anyMatch(s -> s.startsWith("web-1 connect: trusting the rescue system's new host key SHA256:")
                            && s.contains("for this attempt only"));
            String knownHosts = Files.readString(rig.knownHosts());
            assertThat(KnownHosts.keysFor(rig.knownHosts(), "127.0.0.1", host.port()))
                    .containsExactly(KnownHosts.typeAndBlob(host.installedKey().publicKeyLine()));
            assertThat(knownHosts).doesNotContain("root@rescue");
            assertThat(fake.count("POST", "/servers/1/actions/reset")).isEqualTo(1);
        }
    }

    @Test
    void aRescueSystemThatSeesAnotherDiskInstallsNothing() throws Exception {
        try (FakeHost host = host();
                FakeStatusApi status = new FakeStatusApi(FakeStatusApi.HAPPY_RUN, Duration.ZERO)) {
            int[] plans = {0};
            host.on(
                    "plan",
                    stdin -> Reply.ok("{\"confirmationToken\":\""
                            + (plans[0]++ == 0 ? FakeHost.TOKEN : "SERIAL-42:OTHER:20480") + "\"}"));

            ServerOutcome outcome = run(host, status, 2222);

            ServerOutcome.Failed failed = ServiceRig.failed(outcome, Stage.PLAN, ServerOutcome.Kind.REFUSED);
            assertThat(failed.message())
                    .contains("the attempt from the rescue system failed in plan")
                    .contains("not the same machine and disk, so nothing is installed");
            assertThat(host.server().commands())
                    .filteredOn(c -> c.contains(" install "))
                    .hasSize(1);
        }
    }
}
