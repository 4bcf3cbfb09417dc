package dev.reinstaller.installer.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.fixture.TestMachine;
import dev.reinstaller.installer.run.LoadedInfo;
import dev.reinstaller.installer.system.FakeClock;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.LegacyRuntimeInfo;
import dev.reinstaller.protocol.Route;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacyHostTest {
    private static final LegacyRuntimeInfo LEGACY = new LegacyRuntimeInfo(
            "web-01.example.org",
            "9e795e3c",
            List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDORw2X4s5/GVxdXVP4EXthG60s7DJ6fdeTwmcsQjRje alice@laptop"),
            "/dev/sda",
            "ens3",
            "virtio_net",
            new LegacyRuntimeInfo.V4("203.0.113.7", 32, "172.31.1.1", "255.255.255.255"),
            new LegacyRuntimeInfo.V6("2001:db8:1::1", 64, "fe80::1"));

    @TempDir
    Path root;

    private final StringWriter console = new StringWriter();

    private LoadedInfo resolve() {
        return resolve(LEGACY);
    }

    private LoadedInfo resolve(LegacyRuntimeInfo legacy) {
        return LegacyHost.resolve(
                legacy, new InstallerPaths(root), new EventLog(new FakeClock(), new PrintWriter(console)));
    }

    @Test
    void theOriginalSystemsHostIsCompletedFromThisHetznerMachine() {
        new TestMachine(root).hetzner();

        LoadedInfo loaded = resolve();

        assertThat(loaded.info().hostName()).isEqualTo("web-01");
        assertThat(loaded.info().hostId()).isEqualTo("9e795e3c");
        assertThat(loaded.info().machine().serial()).isEqualTo(TestMachine.SERIAL);
        assertThat(loaded.info().targetDisk().serial()).isEqualTo(TestMachine.DISK_SERIAL);
        assertThat(loaded.info().targetDisk().sizeBytes()).isEqualTo(TestMachine.DISK_BYTES);
        assertThat(loaded.info().nics())
                .singleElement()
                .satisfies(nic -> assertThat(nic.mac()).isEqualTo(TestMachine.MAC));
        assertThat(loaded.info().nameServers())
                .containsExactly("185.12.64.1", "185.12.64.2", "2a01:4ff:ff00::add:1", "2a01:4ff:ff00::add:2");
        assertThat(console.toString()).contains("names no resolvers; Hetzner's: 185.12.64.1");
    }

    @Test
    void whatOnlyTheOriginalFormatCarriesIsExplicit() {
        new TestMachine(root).hetzner();

        LoadedInfo loaded = resolve();

        assertThat(loaded.origin()).isEqualTo("legacy");
        assertThat(loaded.explicitConfirmation()).isTrue();
        assertThat(loaded.keyCommentHost()).isEqualTo("web-01.example.org");
        assertThat(loaded.received().path("diskToFormat").asText()).isEqualTo("/dev/sda");
    }

    @Test
    void elsewhereTheOriginalSystemsHostHasNoResolvers() {
        new TestMachine(root).hetzner().write("sys/class/dmi/id/sys_vendor", "QEMU\n");

        assertThat(resolve().info().nameServers()).isEmpty();
        assertThat(console.toString()).contains("this is no Hetzner machine, so there are none");
    }

    @Test
    void aDiskThatIsNotHereIsRefusedNamingTheDisksThatAre() {
        new TestMachine(root).hetzner();
        LegacyRuntimeInfo elsewhere = new LegacyRuntimeInfo(
                LEGACY.hostName(),
                LEGACY.hostId(),
                LEGACY.rootAuthorizedKeys(),
                "/dev/vdb",
                LEGACY.networkInterface(),
                LEGACY.networkInterfaceModule(),
                LEGACY.ipv4(),
                LEGACY.ipv6());

        assertThatThrownBy(() -> resolve(elsewhere))
                .hasMessageContaining("legacy runtime info names disk /dev/vdb")
                .hasMessageContaining("not in /sys/block (disks here: sda)");
    }

    @Test
    void theNetworkBindsToTheOnlyPhysicalNicWithBothGateways() {
        new TestMachine(root).hetzner();

        assertThat(resolve().info().nics().getFirst().routes())
                .extracting(Route::via)
                .containsExactly("172.31.1.1", "fe80::1");
    }
}
