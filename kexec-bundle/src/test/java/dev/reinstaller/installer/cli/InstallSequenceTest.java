package dev.reinstaller.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.fixture.TestMachine;
import dev.reinstaller.protocol.ConfirmationToken;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.RuntimeInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The destructive phases as the exact commands the disk writer receives, in order, for a disk that
 * still holds an earlier install (three partitions). Real ZFS does not run here; the testbed runs these
 * commands for real.
 */
class InstallSequenceTest {
    /** The pool's creation as the zfs phase must run it on the test machine's disk. */
    private static final String ZPOOL_CREATE = "zpool create -o ashift=12 -o autotrim=on -O encryption=aes-256-gcm"
            + " -O keyformat=passphrase -O keylocation=file:///run/reinstaller-secrets/zfs-key"
            + " -O mountpoint=legacy -O atime=off -O acltype=posixacl -O xattr=sa -O compression=zstd"
            + " -R /mnt rpool /dev/sda3";

    private static final RuntimeInfo INFO = TestMachine.info();
    private static final String KEY = "correct horse battery staple";

    @TempDir
    Path root;

    private final FakeEdges fakes = new FakeEdges();

    private TestMachine machine() {
        TestMachine machine = new TestMachine(root)
                .hetzner()
                .cmdline(TestMachine.cmdline(INFO, Optional.of(ConfirmationToken.of(INFO)), false))
                .cpio("disk-key", (KEY + "\n").getBytes(StandardCharsets.UTF_8));
        for (int n = 1; n <= 3; n++) {
            machine.write("sys/block/sda/sda" + n + "/partition", n + "\n");
        }
        return machine;
    }

    @Test
    void partitionAndZfsRunExactlyTheseCommandsInThisOrder() {
        machine();
        List<String> keyFileSeen = new ArrayList<>();
        fakes.disk.onCommand("zpool", argv -> {
            Path file = root.resolve("run/reinstaller-secrets/zfs-key");
            if (argv.get(1).equals("create") && Files.exists(file)) {
                try {
                    keyFileSeen.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) + " "
                            + Files.readString(file));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });

        int code = fakes.run(root, "params,confirm,partition,zfs");

        assertThat(code).as(fakes.console()).isZero();
        assertThat(fakes.disk.commandLines())
                .filteredOn(line -> line.startsWith("blkdiscard"))
                .as("the whole disk in sixteenths, each zeroed by the kernel")
                .hasSize(16)
                .startsWith("blkdiscard -z -o 0 -l 2560622592 /dev/sda")
                .endsWith("blkdiscard -z -o 38409338880 -l 2550661120 /dev/sda");
        List<String> lines = fakes.disk.commandLines();
        assertThat(lines.indexOf("blkdiscard -z -o 0 -l 2560622592 /dev/sda"))
                .as("zeroing comes after the signatures are cleared and before the new table")
                .isGreaterThan(lines.indexOf("wipefs -a /dev/sda"))
                .isLessThan(lines.indexOf("sgdisk --zap-all /dev/sda"));
        assertThat(fakes.disk.commandLines())
                .filteredOn(line -> !line.startsWith("blkdiscard"))
                .containsExactly(
                        "zpool labelclear -f /dev/sda1",
                        "zpool labelclear -f /dev/sda2",
                        "zpool labelclear -f /dev/sda3",
                        "wipefs -a /dev/sda1",
                        "wipefs -a /dev/sda2",
                        "wipefs -a /dev/sda3",
                        "wipefs -a /dev/sda",
                        "sgdisk --zap-all /dev/sda",
                        "sgdisk -a 2048 -n 1:0:+1M -t 1:EF02 -c 1:bios -n 2:0:+1G -t 2:EF00 -c 2:ESP"
                                + " -n 3:0:0 -t 3:BF00 -c 3:zfs /dev/sda",
                        "mkfs.vfat -F 32 -n ESP /dev/sda2",
                        ZPOOL_CREATE,
                        "zfs set keylocation=prompt rpool",
                        "zfs create rpool/local",
                        "zfs create rpool/local/root",
                        "zfs snapshot rpool/local/root@blank",
                        "zfs create rpool/local/nix",
                        "zfs create rpool/safe",
                        "zfs create rpool/safe/home",
                        "zfs create rpool/safe/persist",
                        "zfs create -o refreservation=1953M rpool/reserved",
                        "mount -t zfs rpool/local/root /mnt",
                        "mkdir -p /mnt/nix /mnt/home /mnt/persist /mnt/boot",
                        "mount -t zfs rpool/local/nix /mnt/nix",
                        "mount -t zfs rpool/safe/home /mnt/home",
                        "mount -t zfs rpool/safe/persist /mnt/persist",
                        "mount -t vfat -o umask=0077 /dev/sda2 /mnt/boot");
        assertThat(keyFileSeen).containsExactly("rw------- " + KEY);
        assertThat(root.resolve("run/reinstaller-secrets/zfs-key")).doesNotExist();
        assertThat(fakes.processes.runs()).isEmpty();
        assertThat(fakes.watchdog.reboots()).isEmpty();
    }

    @Test
    void eachLabelclearIsReportedAsANoteNotAnError() {
        machine();
        fakes.disk.onCommand("zpool", argv -> {});
        fakes.disk.fail(List.of("zpool", "labelclear", "-f", "/dev/sda1"), 1);

        int code = fakes.run(root, "params,confirm,partition");

        assertThat(code).as(fakes.console()).isZero();
        assertThat(fakes.console())
                .contains("/dev/sda1 holds no ZFS label to clear (zpool labelclear: scripted failure)")
                .contains("cleared a ZFS label on /dev/sda2")
                .contains("cleared a ZFS label on /dev/sda3")
                .doesNotContain("no ZFS label cleared");
    }

    @Test
    void aFailedZpoolCreateStaysUpAndStillRemovesTheKeyFile() {
        machine();
        fakes.disk.onCommand("zpool", argv -> {});
        fakes.disk.fail(List.of(ZPOOL_CREATE.split(" ")), 1);

        int code = fakes.run(root, "params,confirm,partition,zfs");

        assertThat(code).isEqualTo(ExitCode.FAILED.code());
        assertThat(fakes.watchdog.reboots()).isEmpty();
        assertThat(fakes.holds).singleElement().asString().startsWith("zfs failed: zpool create");
        assertThat(fakes.console()).contains("\"phase\":\"zfs\"", "\"pointOfNoReturnPassed\":true");
        assertThat(root.resolve("run/reinstaller-secrets/zfs-key")).doesNotExist();
        assertThat(fakes.disk.commandLines()).last().asString().startsWith("zpool create");
    }

    @Test
    void partitionNodesThatNeverAppearFailAfterTheirDeadline() {
        machine();
        fakes.disk.onCommand("sgdisk", argv -> {});
        Edges edges = fakes.edges();
        int code = new Main(
                        new java.io.PrintWriter(fakes.out, true),
                        new java.io.PrintWriter(fakes.err, true),
                        (paths, options) -> edges)
                .run("run", "--root", root.toString(), "--phases", "params,confirm,partition");

        assertThat(code).isEqualTo(ExitCode.FAILED.code());
        assertThat(fakes.console()).contains("did not appear within 30 s");
        assertThat(fakes.disk.commandLines()).noneMatch(l -> l.startsWith("mkfs"));
    }

    @Test
    void keysFinalizeAndRebootCloseTheRun() throws Exception {
        machine();
        fakes.disk.onCommand("ssh-keygen", argv -> {
            Path key = root.resolve(argv.getLast().substring(1));
            try {
                Files.createDirectories(key.getParent());
                Files.writeString(key, "private");
                Files.writeString(
                        key.resolveSibling(key.getFileName() + ".pub"),
                        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8zN2vK4Wm7rT1pXyB3cD5eF6gH7iJ8kL9mN0oP1qR x\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        int code = fakes.run(root, "params,confirm,partition,zfs,keys,finalize,reboot");

        assertThat(code).as(fakes.console()).isZero();
        List<String> commands = fakes.disk.commandLines();
        assertThat(commands.subList(commands.size() - 3, commands.size()))
                .containsExactly(
                        "file /mnt/persist/reinstaller/install-manifest.json +"
                                + fakes.disk.file("/mnt/persist/reinstaller/install-manifest.json").length,
                        "umount -R /mnt",
                        "zpool export rpool");
        String manifest =
                new String(fakes.disk.file("/mnt/persist/reinstaller/install-manifest.json"), StandardCharsets.UTF_8);
        assertThat(manifest)
                .contains(
                        "\"runtimeInfoOrigin\" : \"reinstaller.info\"",
                        "\"hostName\" : \"web-01\"",
                        "\"sha256\" : \"SHA256:2tMJwpRT4kSX20b5pNjew/cJevSfslv/UObXu6dChhA\"",
                        "\"phase\" : \"keys\"",
                        "\"oldData\" : {",
                        "\"method\" : \"zero\"",
                        "\"bytes\" : " + TestMachine.DISK_BYTES)
                .doesNotContain(KEY);
        assertThat(fakes.console())
                .contains("\"type\":\"rebooting\",\"reason\":\"installed; booting the new system\",\"inSeconds\":5,"
                        + "\"toOldSystem\":false");
        assertThat(fakes.reboots).containsExactly("reboot");
        assertThat(fakes.watchdog.reboots()).isEmpty();
    }

    @Test
    void withWipeNoneTheOldDataIsKeptAndTheEventsSaySo() {
        TestMachine machine = machine();
        machine.cmdline(
                TestMachine.cmdline(INFO, Optional.of(ConfirmationToken.of(INFO)), false) + " reinstaller.wipe=none");

        int code = fakes.run(root, "params,confirm,partition");

        assertThat(code).as(fakes.console()).isZero();
        assertThat(fakes.disk.commandLines()).noneMatch(line -> line.startsWith("blkdiscard"));
        assertThat(fakes.console())
                .contains("NOT zeroing /dev/sda (reinstaller.wipe=none): the old system's data stays readable");
    }
}
