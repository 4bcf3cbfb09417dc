package dev.reinstaller.installer.flake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.fixture.TestMachine;
import dev.reinstaller.installer.run.LoadedInfo;
import dev.reinstaller.installer.run.RunState;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.Disk;
import dev.reinstaller.protocol.LegacyRuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostInfoTest {
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

    private RuntimeInfo legacyHost() {
        RunState state = new RunState(Instant.parse("2026-01-01T00:00:00Z"));
        state.info(new LoadedInfo.Legacy(LEGACY));
        state.target(new Disk(
                "sda", null, TestMachine.DISK_SERIAL, null, TestMachine.DISK_BYTES, "QEMU HARDDISK", "virtio_scsi"));
        return HostInfo.of(state, new InstallerPaths(root));
    }

    @Test
    void theOriginalSystemsHostIsCompletedFromThisHetznerMachine() {
        new TestMachine(root).hetzner();

        RuntimeInfo info = legacyHost();

        assertThat(info.hostName()).isEqualTo("web-01");
        assertThat(info.machine().serial()).isEqualTo(TestMachine.SERIAL);
        assertThat(info.nics())
                .singleElement()
                .satisfies(nic -> assertThat(nic.mac()).isEqualTo(TestMachine.MAC));
        assertThat(info.nameServers())
                .containsExactly("185.12.64.1", "185.12.64.2", "2a01:4ff:ff00::add:1", "2a01:4ff:ff00::add:2");
    }

    @Test
    void elsewhereTheOriginalSystemsHostHasNoResolvers() {
        new TestMachine(root).hetzner().write("sys/class/dmi/id/sys_vendor", "QEMU\n");

        assertThat(legacyHost().nameServers()).isEmpty();
    }
}
