package dev.reinstaller.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.installer.fixture.TestMachine;
import dev.reinstaller.protocol.ConfirmationToken;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.InfoCodec;
import dev.reinstaller.protocol.RuntimeInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point-of-no-return guard, end to end through {@code reinstaller-installer run}: every bad case
 * stops before anything reaches the disk writer or runs a command, says what did not match, and takes
 * the watchdog path. The good cases next to them show the same setup does pass, so the bad ones fail
 * for the reason they name.
 */
class ConfirmGuardTest {
    private static final String PHASES = "params,confirm,partition,zfs";
    private static final String KEY = "correct horse battery staple";
    private static final RuntimeInfo INFO = TestMachine.info();
    private static final String TOKEN = ConfirmationToken.of(INFO);

    @TempDir
    Path root;

    private final FakeEdges fakes = new FakeEdges();

    private TestMachine goodMachine() {
        return new TestMachine(root)
                .hetzner()
                .cmdline(TestMachine.cmdline(INFO, Optional.of(TOKEN), false))
                .cpio("disk-key", (KEY + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts the guard held: nothing written or run, the failure event names the cause, watchdog path. */
    private void assertGuarded(int exitCode, String phase, String... messageParts) throws Exception {
        assertThat(exitCode).as(fakes.console() + fakes.err).isEqualTo(ExitCode.REFUSED.code());
        assertThat(fakes.disk.calls()).isEmpty();
        assertThat(fakes.processes.runs()).isEmpty();
        assertThat(fakes.watchdog.pointOfNoReturnCalls()).isZero();
        assertThat(fakes.watchdog.reboots()).singleElement().asString().startsWith(phase + " failed: ");
        assertThat(fakes.holds).isEmpty();
        JsonNode failed = failedEvent();
        assertThat(failed.get("phase").asText()).isEqualTo(phase);
        assertThat(failed.get("pointOfNoReturnPassed").asBoolean()).isFalse();
        assertThat(failed.get("message").asText()).contains(messageParts);
        assertThat(fakes.console()).doesNotContain("\"phase-started\",\"phase\":\"partition\"");
    }

    private JsonNode failedEvent() throws Exception {
        List<String> failed = fakes.console()
                .lines()
                .filter(l -> l.contains("\"type\":\"phase-failed\""))
                .toList();
        assertThat(failed).hasSize(1);
        return JsonMapper.builder().build().readTree(failed.getFirst().substring("REINSTALLER ".length()));
    }

    @Test
    void theGoodMachinePassesConfirmAndOpensTheWayToTheDisk() {
        goodMachine();

        int code = fakes.run(root, PHASES);

        assertThat(code).as(fakes.console()).isZero();
        assertThat(fakes.console()).contains("\"type\":\"phase-finished\",\"phase\":\"confirm\"");
        assertThat(fakes.watchdog.pointOfNoReturnCalls()).isEqualTo(1);
        assertThat(fakes.disk.commandLines())
                .contains("sgdisk --zap-all /dev/sda")
                .hasSizeGreaterThan(10);
    }

    @Test
    void wrongMachine() throws Exception {
        goodMachine().write("sys/class/dmi/id/product_serial", "99999999\n");

        assertGuarded(
                fakes.run(root, PHASES),
                "confirm",
                "machine serial: runtime info says '48213377', DMI says '99999999'");
    }

    @Test
    void wrongMachineUuid() throws Exception {
        goodMachine().write("sys/class/dmi/id/product_uuid", "00000000-0000-0000-0000-000000000001\n");

        assertGuarded(fakes.run(root, PHASES), "confirm", "machine UUID: runtime info says '" + TestMachine.UUID);
    }

    @Test
    void wrongDiskSerial() throws Exception {
        goodMachine()
                .write(
                        "sys/devices/pci0000:00/0000:00:05.0/virtio1/host0/target0:0:0/0:0:0:0/vpd_pg80",
                        TestMachine.serialPage("drive-scsi0-0-0-1"));

        assertGuarded(
                fakes.run(root, PHASES),
                "confirm",
                "disk sda serial: runtime info says 'drive-scsi0-0-0-0', sysfs says 'drive-scsi0-0-0-1'");
    }

    @Test
    void wrongDiskSize() throws Exception {
        goodMachine().write("sys/block/sda/size", "41943040\n");

        assertGuarded(
                fakes.run(root, PHASES),
                "confirm",
                "disk sda size: runtime info says 40960000000 bytes, sysfs says 21474836480 bytes");
    }

    @Test
    void missingDisk() throws Exception {
        goodMachine()
                .delete("sys/block/sda/size")
                .delete("sys/block/sda/removable")
                .delete("sys/block/sda/device");
        new TestMachine(root).delete("sys/block/sda").disk("vda", 1L << 30, "x");

        assertGuarded(fakes.run(root, PHASES), "confirm", "disk sda is not in /sys/block (disks here: vda)");
    }

    @Test
    void missingKey() throws Exception {
        goodMachine().delete("reinstaller/disk-key");

        assertGuarded(fakes.run(root, PHASES), "confirm", "no disk key arrived before the deadline");
        assertThat(fakes.clock.now()).isEqualTo(Instant.parse("2026-01-01T00:15:00Z"));
        assertThat(fakes.console()).contains("\"type\":\"waiting\",\"phase\":\"confirm\",\"what\":\"disk key");
    }

    @Test
    void shortKey() throws Exception {
        goodMachine().cpio("disk-key", "short\n".getBytes(StandardCharsets.UTF_8));

        assertGuarded(fakes.run(root, PHASES), "confirm", "is 5 bytes long; ZFS needs 8 to 512 bytes");
    }

    @Test
    void keyOfTwoLines() throws Exception {
        goodMachine().cpio("disk-key", "first line\nsecond line\n".getBytes(StandardCharsets.UTF_8));

        assertGuarded(fakes.run(root, PHASES), "confirm", "spans more than one line");
    }

    @Test
    void shortKeySentAfterBoot() throws Exception {
        goodMachine().delete("reinstaller/disk-key");
        fakes.sentKeys.add("1234567".getBytes(StandardCharsets.UTF_8));

        assertGuarded(fakes.run(root, PHASES), "confirm", "from the status API or console is 7 bytes long");
    }

    @Test
    void noConfirmationBeforeTheDeadline() throws Exception {
        goodMachine().cmdline(TestMachine.cmdline(INFO, Optional.empty(), false) + " reinstaller.deadline=60");

        assertGuarded(fakes.run(root, PHASES), "confirm", "no confirmation arrived before the deadline");
        assertThat(fakes.clock.now()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    }

    @Test
    void wrongTokenOnTheCommandLine() throws Exception {
        goodMachine().cmdline(TestMachine.cmdline(INFO, Optional.of("48213377:drive-scsi0-0-0-0:1"), false));

        assertGuarded(
                fakes.run(root, PHASES),
                "confirm",
                "reinstaller.confirm=48213377:drive-scsi0-0-0-0:1 does not match this machine and disk");
    }

    @Test
    void wrongTokensSentAfterBootUntilTheDeadline() throws Exception {
        goodMachine().cmdline(TestMachine.cmdline(INFO, Optional.empty(), false));
        fakes.sentTokens.add("guess-1");
        fakes.sentTokens.add("guess-2");

        assertGuarded(fakes.run(root, PHASES), "confirm", "no confirmation arrived before the deadline");
        assertThat(fakes.console()).contains("confirmation token 'guess-2' does not match");
    }

    @Test
    void corruptedParameters() throws Exception {
        String line = TestMachine.cmdline(INFO, Optional.of(TOKEN), false);
        int at = line.indexOf("reinstaller.info=") + 30;
        goodMachine().cmdline(line.substring(0, at) + (line.charAt(at) == 'A' ? 'B' : 'A') + line.substring(at + 1));

        assertGuarded(fakes.run(root, PHASES), "params", "the kernel parameters are unusable");
    }

    @Test
    void corruptedRuntimeInfoInTheCpio() throws Exception {
        byte[] json = InfoCodec.encode(INFO).json();
        json[20] = (byte) (json[20] == 'x' ? 'y' : 'x');
        goodMachine()
                .cmdline(TestMachine.cmdline(INFO, Optional.of(TOKEN), true))
                .cpio("runtime-info.json", json);

        assertGuarded(fakes.run(root, PHASES), "params", "runtime info in the cpio is unusable", "reinstaller.crc=");
    }

    @Test
    void legacyParametersWithoutConfirmation() throws Exception {
        goodMachine().cmdline(TestMachine.legacyCmdline());

        assertGuarded(fakes.run(root, PHASES), "confirm", "no confirmation arrived before the deadline");
    }

    @Test
    void legacyParametersPassWithAnExplicitConfirmation() {
        goodMachine().cmdline(TestMachine.legacyCmdline());
        fakes.sentTokens.add(TOKEN);

        fakes.run(root, PHASES);

        assertThat(fakes.watchdog.pointOfNoReturnCalls()).isEqualTo(1);
        assertThat(fakes.watchdog.reboots()).isEmpty();
    }

    @Test
    void diskKeyOnTheCommandLine() throws Exception {
        goodMachine().cmdline(TestMachine.cmdline(INFO, Optional.of(TOKEN), false) + " disk_key=Y29ycmVjdCBob3JzZQ==");

        assertGuarded(fakes.run(root, PHASES), "params", "disk_key= found on the kernel command line and refused");
        assertThat(fakes.console()).doesNotContain("Y29ycmVjdCBob3JzZQ");
    }

    @Test
    void attendedRunPassesWithKeyAndTokenSentAfterBoot() {
        goodMachine()
                .cmdline(TestMachine.cmdline(INFO, Optional.empty(), false))
                .delete("reinstaller/disk-key");
        fakes.sentKeys.add(KEY.getBytes(StandardCharsets.UTF_8));
        fakes.sentTokens.add("typo");
        fakes.sentTokens.add(TOKEN);

        fakes.run(root, PHASES);

        assertThat(fakes.watchdog.pointOfNoReturnCalls()).isEqualTo(1);
        assertThat(fakes.clock.sleeps()).containsExactly(Duration.ofSeconds(1));
    }
}
