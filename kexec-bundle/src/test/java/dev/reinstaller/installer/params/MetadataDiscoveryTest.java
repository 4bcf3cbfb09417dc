package dev.reinstaller.installer.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.fixture.TestMachine;
import dev.reinstaller.installer.run.LoadedInfo;
import dev.reinstaller.installer.run.RunState;
import dev.reinstaller.installer.system.FakeClock;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.Address;
import dev.reinstaller.protocol.Route;
import dev.reinstaller.protocol.RuntimeInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataDiscoveryTest {
    /** Hetzner's network-config leaf of a server with IPv4 by DHCP and a static IPv6 network. */
    static final String NETWORK_CONFIG = """
            config:
            - mac_address: 96:00:02:9a:bc:de
              name: eth0
              subnets:
              - ipv4: true
                type: dhcp
              - address: 2a01:4f8:c012:3456::1/64
                dns_nameservers:
                - 2a01:4ff:ff00::add:1
                - 2a01:4ff:ff00::add:2
                gateway: fe80::1
                ipv6: true
                type: static
              type: physical
            - address:
              - 185.12.64.2
              - 185.12.64.1
              interfaces:
              - eth0
              type: nameserver
            version: 1
            """;

    private static final String KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8zN2vK4Wm7rT1pXyB3cD5eF6gH7iJ8kL9mN0oP1qR alice@laptop";

    @TempDir
    Path root;

    private HttpServer server;
    private final Map<String, String> leaves = new java.util.concurrent.ConcurrentHashMap<>();
    private final FakeClock clock = new FakeClock();
    private final EventLog events = new EventLog(clock, new PrintWriter(new StringWriter()));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        leaves.putAll(Map.of(
                "hostname", "web-01.example.com",
                "instance-id", "48213377",
                "region", "eu-central",
                "availability-zone", "fsn1-dc14",
                "public-ipv4", "203.0.113.10",
                "public-keys", "- " + KEY + "\n",
                "network-config", NETWORK_CONFIG));
        server.createContext("/hetzner/v1/metadata/", exchange -> {
            String leaf = exchange.getRequestURI().getPath().substring("/hetzner/v1/metadata/".length());
            String body = leaves.get(leaf);
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hetzner/v1/metadata");
    }

    @Test
    void buildsRuntimeInfoFromTheServiceAndTheHardware() {
        LoadedInfo loaded = discoverOnHetzner();

        RuntimeInfo info = loaded.info();
        assertThat(loaded.origin()).isEqualTo("metadata");
        assertThat(info.hostName()).isEqualTo("web-01");
        assertThat(info.hostId()).matches("[0-9a-f]{8}");
        assertThat(info.machine().serial()).isEqualTo(TestMachine.SERIAL);
        assertThat(info.machine().uuid()).isEqualTo(TestMachine.UUID);
        assertThat(info.authorizedKeys()).containsExactly(KEY);
        assertThat(info.targetDisk().serial()).isEqualTo(TestMachine.DISK_SERIAL);
        assertThat(info.targetDisk().sizeBytes()).isEqualTo(TestMachine.DISK_BYTES);
        assertThat(info.targetDisk().model()).isEqualTo("QEMU HARDDISK");
        assertThat(info.targetDisk().driver()).isEqualTo("virtio_scsi");
        assertThat(info.nics()).singleElement().satisfies(nic -> {
            assertThat(nic.mac()).isEqualTo(TestMachine.MAC);
            assertThat(nic.driver()).isEqualTo("virtio_net");
            assertThat(nic.addresses())
                    .containsExactly(
                            new Address("203.0.113.10/32", true), new Address("2a01:4f8:c012:3456::1/64", false));
            assertThat(nic.routes())
                    .containsExactly(
                            Route.viaGateway("default", "172.31.1.1", true),
                            Route.viaGateway("default", "fe80::1", false));
        });
        assertThat(info.nameServers())
                .containsExactly("2a01:4ff:ff00::add:1", "2a01:4ff:ff00::add:2", "185.12.64.2", "185.12.64.1");
        assertThat(info.provider().zone()).isEqualTo("fsn1-dc14");
    }

    @Test
    void publicKeysAsAJsonArrayCountToo() {
        leaves.put("public-keys", "[\"" + KEY + "\"]");

        assertThat(discoverOnHetzner().info().authorizedKeys()).containsExactly(KEY);
    }

    /** The params phase on a Hetzner machine whose command line says reinstaller.source=metadata. */
    private LoadedInfo discoverOnHetzner() {
        new TestMachine(root)
                .hetzner()
                .cmdline("reinstaller.v=1 reinstaller.source=metadata reinstaller.metadata=" + base());
        RunState state = new RunState(clock.now());
        new ParamsPhase(
                        new InstallerPaths(root),
                        events,
                        HttpMetadataSource.factory(Duration.ofSeconds(5)),
                        clock,
                        FakeProcesses.succeeding())
                .run(state);
        return state.info();
    }

    @Test
    void aLinkLocalServiceGetsTemporaryLinkLocalAddressesForTheTimeOfDiscovery() {
        new TestMachine(root).hetzner().cmdline("reinstaller.v=1 reinstaller.source=metadata");
        FakeProcesses processes = FakeProcesses.succeeding();
        List<URI> asked = new java.util.ArrayList<>();
        RunState state = new RunState(clock.now());

        new ParamsPhase(
                        new InstallerPaths(root),
                        events,
                        b -> {
                            asked.add(b);
                            assertThat(processes.runs())
                                    .as("the link is up before the first question")
                                    .hasSize(2);
                            return HttpMetadataSource.factory(Duration.ofSeconds(5))
                                    .at(base());
                        },
                        clock,
                        processes)
                .run(state);

        assertThat(asked).containsExactly(URI.create("http://169.254.169.254/hetzner/v1/metadata"));
        assertThat(processes.runs())
                .containsExactly(
                        List.of("ip", "link", "set", "dev", "eth0", "up"),
                        List.of("ip", "-4", "addr", "replace", "169.254.189.222/16", "dev", "eth0"),
                        List.of("ip", "-4", "addr", "del", "169.254.189.222/16", "dev", "eth0"));
        assertThat(state.info().info().hostName()).isEqualTo("web-01");
    }

    @Test
    void aServiceOutsideTheLinkLocalRangeNeedsNoTemporaryAddress() {
        new TestMachine(root)
                .hetzner()
                .cmdline("reinstaller.v=1 reinstaller.source=metadata reinstaller.metadata=" + base());
        FakeProcesses processes = FakeProcesses.succeeding();

        new ParamsPhase(
                        new InstallerPaths(root),
                        events,
                        HttpMetadataSource.factory(Duration.ofSeconds(5)),
                        clock,
                        processes)
                .run(new RunState(clock.now()));

        assertThat(processes.runs()).isEmpty();
    }

    @Test
    void withoutAUrlOnlyAHetznerMachineAsksTheService() {
        new TestMachine(root)
                .hetzner()
                .write("sys/class/dmi/id/sys_vendor", "QEMU\n")
                .cmdline("reinstaller.v=1 reinstaller.source=metadata");
        RunState state = new RunState(clock.now());

        assertThatThrownBy(() -> new ParamsPhase(
                                new InstallerPaths(root),
                                events,
                                b -> {
                                    throw new AssertionError("asked " + b);
                                },
                                clock,
                                FakeProcesses.succeeding())
                        .run(state))
                .hasMessageContaining("works on Hetzner only")
                .hasMessageContaining("'QEMU'");
    }

    @Test
    void aServiceThatNeverAnswersFailsAfterItsDeadline() {
        new TestMachine(root)
                .hetzner()
                .cmdline("reinstaller.v=1 reinstaller.source=metadata reinstaller.metadata=http://127.0.0.1:1/x");
        RunState state = new RunState(clock.now());

        assertThatThrownBy(() -> new ParamsPhase(
                                new InstallerPaths(root),
                                events,
                                HttpMetadataSource.factory(Duration.ofSeconds(2)),
                                clock,
                                FakeProcesses.succeeding())
                        .run(state))
                .hasMessageContaining("did not answer within 60 s")
                .hasMessageContaining("127.0.0.1:1");
        assertThat(clock.sleeps()).isNotEmpty();
    }

    @Test
    void severalDisksMakeDiscoveryRefuseToChoose() {
        new TestMachine(root)
                .hetzner()
                .disk("sdb", 1L << 30, "other")
                .cmdline("reinstaller.v=1 reinstaller.source=metadata reinstaller.metadata=" + base());

        assertThatThrownBy(() -> new ParamsPhase(
                                new InstallerPaths(root),
                                events,
                                HttpMetadataSource.factory(Duration.ofSeconds(5)),
                                clock,
                                FakeProcesses.succeeding())
                        .run(new RunState(clock.now())))
                .hasMessageContaining("exactly one disk")
                .hasMessageContaining(List.of("sda", "sdb").toString());
    }
}
