package dev.reinstaller.installer.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.fixture.TestMachine;
import dev.reinstaller.installer.params.MetadataSource;
import dev.reinstaller.installer.params.ParamsPhase;
import dev.reinstaller.installer.run.LoadedInfo;
import dev.reinstaller.installer.run.RunState;
import dev.reinstaller.installer.system.FakeClock;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.installer.system.PolicedProcesses;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkPhaseTest {
    private static final List<String> NEIGH_V4 =
            List.of("ip", "-4", "-j", "neigh", "show", "to", "172.31.1.1", "dev", "eth1");
    private static final List<String> NEIGH_V6 =
            List.of("ip", "-6", "-j", "neigh", "show", "to", "fe80::1", "dev", "eth1");

    @TempDir
    Path root;

    private final FakeClock clock = new FakeClock();
    private final StringWriter console = new StringWriter();
    private final EventLog events = new EventLog(clock, new PrintWriter(console));
    private final FakeProcesses processes = FakeProcesses.succeeding();

    private RunState state() {
        new TestMachine(root).hetzner().delete("sys/class/net/eth0/address");
        new TestMachine(root).nic("eth1", TestMachine.MAC, "virtio_net");
        RunState state = new RunState(clock.now());
        state.info(LoadedInfo.current(TestMachine.info(), "reinstaller.info"));
        return state;
    }

    private NetworkPhase phase() {
        return new NetworkPhase(
                new InstallerPaths(root),
                events,
                clock,
                new PolicedProcesses(processes),
                new Reachability((host, timeout) -> List.of("127.0.0.1"), (cache, timeout) -> {}, BinaryCache.NIXOS),
                () -> true);
    }

    @Test
    void configuresTheNicFoundByMacAndProvesBothGateways() throws Exception {
        RunState state = state();
        processes.answer(NEIGH_V4, 0, "[{\"dst\":\"172.31.1.1\",\"dev\":\"eth1\",\"state\":[\"REACHABLE\"]}]", "");
        processes.answer(
                NEIGH_V6, 0, "[{\"dst\":\"fe80::1\",\"dev\":\"eth1\",\"router\":null,\"state\":[\"STALE\"]}]", "");

        phase().run(state);

        assertThat(processes.runs())
                .containsExactly(
                        List.of("ip", "link", "set", "dev", "eth1", "up"),
                        List.of("ip", "-4", "addr", "replace", "203.0.113.10/32", "dev", "eth1"),
                        List.of("ip", "-6", "addr", "replace", "2a01:4f8:c012:3456::1/64", "dev", "eth1", "nodad"),
                        List.of("ip", "-4", "route", "replace", "172.31.1.1/32", "dev", "eth1", "scope", "link"),
                        List.of("ip", "-4", "route", "replace", "default", "via", "172.31.1.1", "dev", "eth1"),
                        List.of("ip", "-6", "route", "replace", "default", "via", "fe80::1", "dev", "eth1"),
                        List.of("ping", "-c", "1", "-W", "1", "-I", "eth1", "172.31.1.1"),
                        NEIGH_V4,
                        List.of("ping", "-c", "1", "-W", "1", "-I", "eth1", "fe80::1"),
                        NEIGH_V6);
        assertThat(Files.readString(root.resolve("etc/resolv.conf"))).contains("nameserver 185.12.64.1\n");
    }

    @Test
    void aSilentGatewayFailsAfterTheProofDeadline() {
        RunState state = state();
        processes.answer(NEIGH_V4, 0, "[{\"dst\":\"172.31.1.1\",\"dev\":\"eth1\",\"state\":[\"FAILED\"]}]", "");

        assertThatThrownBy(() -> phase().run(state))
                .hasMessageContaining("gateway 172.31.1.1 on eth1 did not answer within 20 s");
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-01-01T00:00:20Z"));
    }

    @Test
    void aNicMissingHereIsRefusedByMac() {
        RunState state = state();
        new TestMachine(root).write("sys/class/net/eth1/address", "96:00:00:00:00:01\n");

        assertThatThrownBy(() -> phase().run(state))
                .hasMessageContaining("MAC 96:00:02:9a:bc:de")
                .hasMessageContaining("eth1=96:00:00:00:00:01");
        assertThat(processes.runs()).isEmpty();
    }

    /** The original system's runtime info for this machine (DMI vendor {@code vendor}), as params makes it. */
    private RunState legacyState(String vendor) {
        RunState state = state();
        new TestMachine(root)
                .write("sys/class/dmi/id/sys_vendor", vendor + "\n")
                .cmdline(TestMachine.legacyCmdline());
        MetadataSource.Factory noMetadata = base -> {
            throw new AssertionError("no metadata expected, asked " + base);
        };
        new ParamsPhase(new InstallerPaths(root), events, noMetadata, clock, FakeProcesses.succeeding()).run(state);
        processes.answer(NEIGH_V4, 0, "[{\"dst\":\"172.31.1.1\",\"dev\":\"eth1\",\"state\":[\"REACHABLE\"]}]", "");
        processes.answer(NEIGH_V6, 0, "[{\"dst\":\"fe80::1\",\"dev\":\"eth1\",\"state\":[\"REACHABLE\"]}]", "");
        return state;
    }

    @Test
    void legacyRuntimeInfoOnHetznerGetsHetznersResolvers() throws Exception {
        RunState state = legacyState("Hetzner");

        phase().run(state);

        assertThat(processes.runs()).contains(List.of("ip", "-4", "addr", "replace", "203.0.113.7/32", "dev", "eth1"));
        assertThat(Files.readString(root.resolve("etc/resolv.conf")))
                .contains(
                        "nameserver 185.12.64.1\n",
                        "nameserver 185.12.64.2\n",
                        "nameserver 2a01:4ff:ff00::add:1\n",
                        "nameserver 2a01:4ff:ff00::add:2\n");
        assertThat(console.toString()).contains("names no resolvers; Hetzner's: 185.12.64.1");
    }

    @Test
    void legacyRuntimeInfoElsewhereHasNoResolversSoTheFlakeBuildCannotResolve() {
        RunState state = legacyState("QEMU");

        assertThatThrownBy(() -> phase().run(state))
                .hasMessageContaining("names must resolve for the flake build: runtime info names no resolvers");
        assertThat(root.resolve("etc/resolv.conf")).doesNotExist();
    }

    @Test
    void legacyNetworkBindsToTheOnlyPhysicalNic() {
        RunState state = legacyState("Hetzner");

        phase().run(state);

        assertThat(processes.runs())
                .contains(
                        List.of("ip", "-4", "addr", "replace", "203.0.113.7/32", "dev", "eth1"),
                        List.of(
                                "ip",
                                "-4",
                                "route",
                                "replace",
                                "default",
                                "via",
                                "172.31.1.1",
                                "dev",
                                "eth1",
                                "onlink"));
        assertThat(console.toString()).contains("gateways answering: [172.31.1.1%eth1, fe80::1%eth1]");
    }
}
