package dev.reinstaller.hostinfo.disk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.hostinfo.HostFiles;
import dev.reinstaller.hostinfo.HostPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysBlockTest {

    @Test
    void byIdRankingPrefersNamesPeopleRecognise() {
        assertThat(List.of("wwn-0x5000", "nvme-eui.0025", "scsi-SATA_x", "ata-Samsung", "nvme-Samsung", "scsi-0QEMU_x")
                        .stream()
                        .sorted(java.util.Comparator.comparingInt(SysBlock::rank))
                        .toList())
                .containsExactly(
                        "scsi-0QEMU_x", "nvme-Samsung", "ata-Samsung", "scsi-SATA_x", "nvme-eui.0025", "wwn-0x5000");
    }

    @Test
    void theUnitSerialPageIsReadByItsHeader() {
        byte[] page = serialPage("  ABC123  ");
        assertThat(SysBlock.unitSerial(page)).contains("ABC123");
        byte[] longer = java.util.Arrays.copyOf(serialPage("ABC1"), 12);
        longer[8] = 'x';
        assertThat(SysBlock.unitSerial(longer)).contains("ABC1");
        page[1] = (byte) 0x83;
        assertThat(SysBlock.unitSerial(page)).isEmpty();
        assertThat(SysBlock.unitSerial("x".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    private static byte[] serialPage(String serial) {
        byte[] text = serial.getBytes(StandardCharsets.US_ASCII);
        byte[] page = new byte[4 + text.length];
        page[1] = (byte) 0x80;
        page[3] = (byte) text.length;
        System.arraycopy(text, 0, page, 4, text.length);
        return page;
    }

    @Test
    void aDiskReadsFromSysfsWithTheBestByIdLinkAndTheControllersDriver(@TempDir Path root) throws IOException {
        Path pci = Files.createDirectories(root.resolve("sys/devices/pci0000:00/virtio1/host0/target0/0:0:0:0"));
        Files.createDirectories(root.resolve("sys/bus/drivers/virtio_scsi"));
        Files.createDirectories(root.resolve("sys/bus/drivers/sd"));
        Files.createSymbolicLink(
                pci.getParent().getParent().getParent().resolve("driver"), root.resolve("sys/bus/drivers/virtio_scsi"));
        Files.createSymbolicLink(pci.resolve("driver"), root.resolve("sys/bus/drivers/sd"));
        Files.writeString(pci.resolve("model"), "QEMU HARDDISK   \n");
        Files.write(pci.resolve("vpd_pg80"), new byte[] {0, (byte) 0x80, 0, 3, 'S', 'N', '1'});
        Path sda = Files.createDirectories(root.resolve("sys/block/sda"));
        Files.createSymbolicLink(sda.resolve("device"), pci);
        Files.writeString(sda.resolve("size"), "83886080\n");
        Files.writeString(sda.resolve("removable"), "0\n");
        Files.createDirectories(sda.resolve("sda1"));
        Files.writeString(sda.resolve("sda1/partition"), "1\n");
        Path byId = Files.createDirectories(root.resolve("dev/disk/by-id"));
        Files.createSymbolicLink(byId.resolve("wwn-0x5000"), Path.of("../../sda"));
        Files.createSymbolicLink(byId.resolve("scsi-0QEMU_QEMU_HARDDISK_drive-scsi0-0-0-0"), Path.of("../../sda"));
        Files.createSymbolicLink(
                byId.resolve("scsi-0QEMU_QEMU_HARDDISK_drive-scsi0-0-0-0-part1"), Path.of("../../sda1"));

        SysBlock sysfs = new SysBlock(new HostFiles(new HostPaths(root)));

        assertThat(sysfs.names()).containsExactly("sda");
        assertThat(sysfs.exists("sda")).isTrue();
        assertThat(sysfs.exists("../sda")).isFalse();
        assertThat(sysfs.sizeBytes("sda")).contains(83886080L * 512);
        assertThat(sysfs.serial("sda")).contains("SN1");
        assertThat(sysfs.wwid("sda")).isEmpty();
        assertThat(sysfs.model("sda")).contains("QEMU HARDDISK");
        assertThat(sysfs.removable("sda")).isFalse();
        assertThat(sysfs.partitions("sda")).containsExactly("sda1");
        assertThat(sysfs.driver("sda")).contains("virtio_scsi");
        assertThat(sysfs.byId("sda")).contains("/dev/disk/by-id/scsi-0QEMU_QEMU_HARDDISK_drive-scsi0-0-0-0");
    }
}
