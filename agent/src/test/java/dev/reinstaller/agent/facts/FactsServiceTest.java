package dev.reinstaller.agent.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.protocol.ConfirmationToken;
import dev.reinstaller.protocol.Disk;
import dev.reinstaller.protocol.Machine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choices and refusals of {@link FactsService} that the golden fixtures do not show. */
class FactsServiceTest {
    @TempDir
    Path root;

    private Facts gather(FixtureHost host, String disk) {
        return service(host)
                .gather(new FactsRequest(Optional.ofNullable(disk), Optional.empty(), Duration.ofSeconds(2)));
    }

    private static FactsService service(FixtureHost host) {
        return new FactsService(host.paths(), host.processes(), host.metadata(), FactsFixtureTest.CLOCK);
    }

    @Test
    void rescueSystemWithoutDiskIsRefusedAndListsTheDisks() {
        FixtureHost host = FixtureHost.load("rescue", root);

        assertThatThrownBy(() -> gather(host, null))
                .isInstanceOfSatisfying(
                        FactsException.class, e -> assertThat(e.category()).isEqualTo(FactsException.Category.REFUSED))
                .hasMessageContaining("overlay whose writable layer /run/live/overlay/rw is on tmpfs")
                .hasMessageContaining("--disk")
                .hasMessageContaining("sda 38.1 GiB QEMU HARDDISK")
                .hasMessageNotContaining("loop0");
    }

    @Test
    void diskByIdPathPicksTheSameDiskAsItsKernelName() {
        FixtureHost host = FixtureHost.load("two-disks", root);

        Disk byId =
                gather(host, "/dev/disk/by-id/scsi-0HC_Volume_10123456").info().targetDisk();
        Disk byName = gather(host, "/dev/sdb").info().targetDisk();

        assertThat(byId).isEqualTo(byName);
        assertThat(byId.name()).isEqualTo("sdb");
    }

    @Test
    void rootOnLvmIsFollowedToItsDisk() {
        FixtureHost host = FixtureHost.load("two-disks", root);

        Facts facts = gather(host, null);

        assertThat(facts.info().disks()).extracting(Disk::name).containsExactly("sda");
        assertThat(facts.target().holders()).containsExactly("vg0-root", "vg0-swap");
    }

    @Test
    void namingAPartitionOrAnUnknownDiskIsBadInput() {
        FixtureHost host = FixtureHost.load("two-disks", root);

        assertThatThrownBy(() -> gather(host, "sda2"))
                .isInstanceOfSatisfying(
                        FactsException.class,
                        e -> assertThat(e.category()).isEqualTo(FactsException.Category.BAD_INPUT))
                .hasMessageContaining("sda2 is a part on sda; name the whole disk");
        assertThatThrownBy(() -> gather(host, "/dev/sdz"))
                .isInstanceOfSatisfying(
                        FactsException.class,
                        e -> assertThat(e.category()).isEqualTo(FactsException.Category.BAD_INPUT))
                .hasMessageContaining("names no disk")
                .hasMessageContaining("sda 38.1 GiB")
                .hasMessageContaining("sdb 10.0 GiB Volume");
        assertThatThrownBy(() -> gather(host, "/dev/disk/by-id/nope"))
                .isInstanceOfSatisfying(
                        FactsException.class,
                        e -> assertThat(e.category()).isEqualTo(FactsException.Category.BAD_INPUT))
                .hasMessageContaining("does not exist");
    }

    @Test
    void zfsRootWithoutZpoolFallsBackToPoolLabels() throws Exception {
        FixtureHost host = FixtureHost.load("zfs-root", root);
        host.processes().answer(List.of("zpool", "status", "-P", "-L", "rpool"), 1, "");

        Facts facts = gather(host, null);

        assertThat(facts.info().targetDisk().name()).isEqualTo("sda");
        assertThat(facts.findings()).anySatisfy(f -> assertThat(f.message()).contains("zfs_member labels"));
    }

    @Test
    void hostIdComesFromEtcHostidWhenItHasFourBytes() throws Exception {
        FixtureHost host = FixtureHost.load("hetzner-dhcp", root);
        Files.write(root.resolve("etc/hostid"), new byte[] {0x78, 0x56, 0x34, 0x12});

        assertThat(gather(host, null).info().hostId()).isEqualTo("12345678");
    }

    @Test
    void withoutDmiOnlyTheDiskBindsTheTokenAndItIsReported() throws Exception {
        FixtureHost host = FixtureHost.load("hetzner-dhcp", root);
        Files.delete(root.resolve("sys/class/dmi/id/product_serial"));
        Files.writeString(root.resolve("sys/class/dmi/id/product_uuid"), "00000000-0000-0000-0000-000000000000\n");
        Files.writeString(root.resolve("sys/class/dmi/id/sys_vendor"), "QEMU\n");

        Facts facts = gather(host, null);

        assertThat(facts.info().machine().hasIdentity()).isFalse();
        assertThat(ConfirmationToken.of(facts.info())).startsWith(Machine.NO_IDENTITY + ":");
        assertThat(facts.info().provider()).isNull();
        assertThat(facts.warnings()).anySatisfy(f -> assertThat(f.message()).contains("binds only the disk"));
    }

    @Test
    void unsupportedArchitectureIsRefused() throws Exception {
        FixtureHost host = FixtureHost.load("hetzner-dhcp", root);
        Files.writeString(root.resolve("proc/sys/kernel/arch"), "riscv64\n");

        assertThatThrownBy(() -> gather(host, null))
                .isInstanceOfSatisfying(
                        FactsException.class, e -> assertThat(e.category()).isEqualTo(FactsException.Category.REFUSED))
                .hasMessageContaining("riscv64");
    }

    @Test
    void aMissingIpCommandFailsNamingTheCommand() {
        FixtureHost host = FixtureHost.load("hetzner-dhcp", root);
        host.processes().answer(List.of("ip", "-j", "addr", "show"), 1, "");

        assertThatThrownBy(() -> gather(host, null))
                .isInstanceOfSatisfying(
                        FactsException.class, e -> assertThat(e.category()).isEqualTo(FactsException.Category.FAILED))
                .hasMessageContaining("ip -j addr show");
    }

    @Test
    void gatheringRunsOnlyReadOnlyCommands() {
        FixtureHost host = FixtureHost.load("zfs-root", root);

        gather(host, null);

        assertThat(host.processes().runs())
                .allSatisfy(argv ->
                        assertThat(List.of("ip", "lsblk", "zpool", "uname")).contains(argv.getFirst()))
                .noneSatisfy(argv -> assertThat(argv).containsAnyOf("import", "add", "set", "del", "flush"));
    }
}
