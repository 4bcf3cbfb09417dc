package dev.reinstaller.installer.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.hostinfo.DmiIdentity;
import dev.reinstaller.installer.fixture.TestMachine;
import dev.reinstaller.installer.system.InstallerPaths;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareTest {
    @TempDir
    Path root;

    @Test
    void readsTheHetznerDiskThroughItsScsiSerialPageAndController() {
        new TestMachine(root).hetzner();

        LiveDisk sda = new BlockDevices(new InstallerPaths(root)).disk("sda").orElseThrow();

        assertThat(sda.serial()).isEqualTo(TestMachine.DISK_SERIAL);
        assertThat(sda.sizeBytes()).isEqualTo(TestMachine.DISK_BYTES);
        assertThat(sda.model()).isEqualTo("QEMU HARDDISK");
        assertThat(sda.driver()).isEqualTo("virtio_scsi");
        assertThat(sda.partitions()).isEmpty();
    }

    @Test
    void nvmeSerialAndWwidComeFromTheirOwnFilesAndVirtualDisksAreNoCandidates() {
        TestMachine machine = new TestMachine(root)
                .write("sys/block/nvme0n1/size", "2000\n")
                .write("sys/block/nvme0n1/device/serial", "S4EWNX0N123456  \n")
                .write("sys/block/nvme0n1/wwid", "eui.0025385b71b07e2f\n")
                .write("sys/block/nvme0n1/nvme0n1p1/partition", "1\n")
                .write("sys/block/loop0/size", "100\n")
                .write("sys/block/sr0/size", "100\n")
                .write("sys/block/sdb/size", "100\n")
                .write("sys/block/sdb/removable", "1\n");
        BlockDevices devices = new BlockDevices(new InstallerPaths(machine.root()));

        LiveDisk nvme = devices.disk("nvme0n1").orElseThrow();

        assertThat(nvme.serial()).isEqualTo("S4EWNX0N123456");
        assertThat(nvme.wwid()).isEqualTo("eui.0025385b71b07e2f");
        assertThat(nvme.sizeBytes()).isEqualTo(1_024_000);
        assertThat(nvme.partitions()).containsExactly("nvme0n1p1");
        assertThat(devices.candidates()).extracting(LiveDisk::name).containsExactly("nvme0n1");
        assertThat(devices.disk("../etc")).isEmpty();
    }

    @Test
    void dmiAndNicsComeFromSysfs() {
        new TestMachine(root).hetzner();
        InstallerPaths paths = new InstallerPaths(root);

        DmiIdentity dmi = DmiIdentity.read(paths.files());

        assertThat(dmi).isEqualTo(new DmiIdentity(TestMachine.SERIAL, TestMachine.UUID, "Hetzner", "vServer"));
        assertThat(dmi.isHetzner()).isTrue();
        assertThat(new NetDevices(paths).physical())
                .containsExactly(new LiveNic("eth0", TestMachine.MAC, "virtio_net"));
    }
}
