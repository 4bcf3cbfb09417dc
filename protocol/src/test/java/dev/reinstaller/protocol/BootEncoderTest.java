package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where runtime info and secrets travel: inline while it fits, the appended cpio otherwise. */
class BootEncoderTest {
    private static final String BASE =
            "init=/nix/store/0c5ncs2mlnxbq8pkkh2dnpq4kzdz3sk1-nixos-system-reinstaller-25.11/init";

    @TempDir
    Path dir;

    /** The Hetzner host with 60 RSA keys: far more than the command line holds. */
    private static RuntimeInfo withManyKeys() {
        RuntimeInfo host = Hosts.hetzner();
        SplittableRandom random = new SplittableRandom(60);
        List<String> keys = new ArrayList<>(host.authorizedKeys());
        for (int i = 0; i < 60; i++) {
            keys.add(SshKeys.rsa(random, 4096, "user" + i + "@example"));
        }
        return new RuntimeInfo(
                host.schemaVersion(),
                host.hostName(),
                host.hostId(),
                host.machine(),
                host.arch(),
                host.firmware(),
                keys,
                host.disks(),
                host.nics(),
                host.skipped(),
                host.nameServers(),
                host.provider());
    }

    @Test
    void aTypicalHostTravelsInline() {
        BootEncoder.Encoded encoded = BootEncoder.encode(new BootEncoder.Request(
                Hosts.hetzner(), BASE, Optional.empty(), Optional.of(Duration.ofMinutes(20)), false));
        assertThat(encoded.infoInCpio()).isFalse();
        assertThat(encoded.commandLine()).isEqualTo(BASE + " " + encoded.ours());
        assertThat(encoded.ours())
                .startsWith("reinstaller.v=1 reinstaller.crc=")
                .endsWith(" reinstaller.deadline=1200");
        assertThat(encoded.cpioEntries()).containsExactly(Cpio.Entry.directory("reinstaller", 0700));
    }

    @Test
    void theWipeParameterIsWrittenOnlyWhenTheOldDataIsToStay() {
        BootEncoder.Encoded zero = BootEncoder.encode(new BootEncoder.Request(
                Hosts.hetzner(), BASE, Optional.empty(), Optional.empty(), false, Wipe.ZERO, After.REBOOT));
        BootEncoder.Encoded none = BootEncoder.encode(new BootEncoder.Request(
                Hosts.hetzner(), BASE, Optional.empty(), Optional.empty(), false, Wipe.NONE, After.REBOOT));

        assertThat(zero.ours()).doesNotContain("reinstaller.wipe");
        assertThat(none.ours()).endsWith(" reinstaller.wipe=none");
        assertThat(BootDecoder.decode(zero.commandLine()).orThrow().wipe()).isEqualTo(Wipe.ZERO);
        assertThat(BootDecoder.decode(none.commandLine()).orThrow().wipe()).isEqualTo(Wipe.NONE);
        assertThat(BootDecoder.decode(zero.commandLine() + " reinstaller.wipe=zero")
                        .orThrow()
                        .wipe())
                .isEqualTo(Wipe.ZERO);
    }

    @Test
    void theAfterParameterIsWrittenOnlyForAPowerOffAndAnUnknownValueIsRefused() {
        BootEncoder.Encoded reboot = BootEncoder.encode(BootEncoder.Request.of(Hosts.hetzner()));
        BootEncoder.Encoded poweroff = BootEncoder.encode(new BootEncoder.Request(
                Hosts.hetzner(), BASE, Optional.empty(), Optional.empty(), false, Wipe.ZERO, After.POWEROFF));

        assertThat(reboot.ours()).doesNotContain("reinstaller.after");
        assertThat(poweroff.ours()).endsWith(" reinstaller.after=poweroff");
        assertThat(BootDecoder.decode(reboot.commandLine()).orThrow().after()).isEqualTo(After.REBOOT);
        assertThat(BootDecoder.decode(poweroff.commandLine()).orThrow().after()).isEqualTo(After.POWEROFF);
        assertThat(BootDecoder.decode(reboot.commandLine() + " reinstaller.after=reboot")
                        .orThrow()
                        .after())
                .isEqualTo(After.REBOOT);
        assertThatThrownBy(() -> BootDecoder.decode(reboot.commandLine() + " reinstaller.after=halt")
                        .orThrow())
                .hasMessageContaining("reinstaller.after")
                .hasMessageContaining("halt")
                .hasMessageContaining("reboot or poweroff");
    }

    @Test
    void runtimeInfoMovesToTheCpioWhenItDoesNotFit() {
        RuntimeInfo info = withManyKeys();
        BootEncoder.Encoded encoded = BootEncoder.encode(
                new BootEncoder.Request(info, BASE, Optional.of(ConfirmationToken.of(info)), Optional.empty(), false));

        assertThat(encoded.infoInCpio()).isTrue();
        assertThat(KernelCommandLine.fits(encoded.commandLine())).isTrue();
        assertThat(Wire.parameter(encoded.commandLine(), BootParameters.INFO)).isEqualTo("cpio");
        String crc = Wire.parameter(encoded.commandLine(), BootParameters.CRC);
        assertThat(crc).isEqualTo(InfoCodec.crc(RuntimeInfoJson.toBytes(info)));
        assertThat(encoded.cpioEntries())
                .extracting(Cpio.Entry::name, Cpio.Entry::mode)
                .containsExactly(tuple("reinstaller", 040700), tuple("reinstaller/runtime-info.json", 0100400));

        BootParameters parameters = BootDecoder.decode(encoded.commandLine()).orThrow();
        assertThat(parameters.source()).isEqualTo(new InfoSource.InCpio(crc));
        assertThat(parameters.confirm()).contains(ConfirmationToken.of(info));
        byte[] json = Wire.cpioFile(encoded, BootParameters.CPIO_INFO);
        assertThat(InfoCodec.decodeJson(json, crc, BootParameters.CPIO_INFO).orThrow())
                .isEqualTo(info);
    }

    @Test
    void theCpioCopyIsCheckedAgainstTheCrcOnTheLine() {
        BootEncoder.Encoded encoded = BootEncoder.encode(BootEncoder.Request.of(withManyKeys()));
        byte[] json = Wire.cpioFile(encoded, BootParameters.CPIO_INFO);
        json[json.length / 2] ^= 1;
        assertThat(InfoCodec.decodeJson(json, Wire.parameter(encoded.commandLine(), BootParameters.CRC), "cpio"))
                .isInstanceOfSatisfying(
                        Result.Error.class, e -> assertThat(e.error()).isInstanceOf(DecodeError.CrcMismatch.class));
    }

    @Test
    void theBootCpioWithASecretExtractsAsTheRamdiskExpects() throws Exception {
        RuntimeInfo info = withManyKeys();
        BootEncoder.Encoded encoded = BootEncoder.encode(BootEncoder.Request.of(info));
        byte[] passphrase = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        List<Cpio.Entry> entries = new ArrayList<>(encoded.cpioEntries());
        entries.add(BootEncoder.secret(BootParameters.CPIO_DISK_KEY, passphrase));

        GnuCpio.extract(Cpio.write(entries), dir);

        Path root = dir.resolve(BootParameters.CPIO_DIR);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("disk-key"))))
                .isEqualTo("r--------");
        assertThat(Files.readAllBytes(root.resolve("disk-key"))).isEqualTo(passphrase);
        byte[] json = Files.readAllBytes(root.resolve("runtime-info.json"));
        String crc = Wire.parameter(encoded.commandLine(), BootParameters.CRC);
        assertThat(InfoCodec.decodeJson(json, crc, "runtime-info.json").orThrow())
                .isEqualTo(info);
    }

    @Test
    void aSecretNeverAppearsOnTheCommandLine() {
        String passphrase = "correct horse battery staple";
        for (RuntimeInfo info : List.of(Hosts.hetzner(), withManyKeys())) {
            BootEncoder.Encoded encoded = BootEncoder.encode(BootEncoder.Request.of(info));
            List<Cpio.Entry> entries = new ArrayList<>(encoded.cpioEntries());
            entries.add(BootEncoder.secret(BootParameters.CPIO_DISK_KEY, passphrase.getBytes(StandardCharsets.UTF_8)));
            String line = encoded.commandLine();
            assertThat(line)
                    .doesNotContain(passphrase)
                    .doesNotContain(Base64.getEncoder().encodeToString(passphrase.getBytes(StandardCharsets.UTF_8)))
                    .doesNotContain("disk_key")
                    .doesNotContain("disk-key");
            assertThat(KernelCommandLine.parse(line))
                    .extracting(KernelCommandLine.Parameter::name)
                    .allSatisfy(name -> assertThat(name).startsWith("reinstaller."));
            assertThat(new String(Cpio.write(entries), StandardCharsets.ISO_8859_1))
                    .contains(passphrase);
        }
    }

    @Test
    void infoGoesToTheCpioOnRequest() {
        BootEncoder.Encoded encoded = BootEncoder.encode(
                new BootEncoder.Request(Hosts.hetzner(), "", Optional.empty(), Optional.empty(), true));
        assertThat(encoded.infoInCpio()).isTrue();
        assertThat(encoded.ours())
                .isEqualTo("reinstaller.v=1 reinstaller.crc=" + InfoCodec.crc(RuntimeInfoJson.toBytes(Hosts.hetzner()))
                        + " reinstaller.info=cpio");
    }

    @Test
    void theBudgetCountsTheBaseParametersAndTheTerminatingNul() {
        RuntimeInfo info = Hosts.hetzner();
        String ours = BootEncoder.encode(BootEncoder.Request.of(info)).ours();
        String exact = "x=" + "a".repeat(KernelCommandLine.MAX_BYTES - 1 - ours.length() - 1 - 2);
        BootEncoder.Encoded fits =
                BootEncoder.encode(new BootEncoder.Request(info, exact, Optional.empty(), Optional.empty(), false));
        assertThat(fits.infoInCpio()).isFalse();
        assertThat(KernelCommandLine.byteLength(fits.commandLine())).isEqualTo(KernelCommandLine.MAX_BYTES - 1);
        BootEncoder.Encoded moved = BootEncoder.encode(
                new BootEncoder.Request(info, exact + "a", Optional.empty(), Optional.empty(), false));
        assertThat(moved.infoInCpio()).isTrue();
    }

    @Test
    void aLineThatCannotFitEvenWithoutInfoIsRefused() {
        String huge = "x=" + "a".repeat(KernelCommandLine.MAX_BYTES);
        assertThatThrownBy(() -> BootEncoder.encode(
                        new BootEncoder.Request(Hosts.hetzner(), huge, Optional.empty(), Optional.empty(), false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bytes with runtime info in the cpio")
                .hasMessageContaining(Integer.toString(KernelCommandLine.MAX_BYTES));
    }

    @Test
    void theCrcIsOfTheCompactJson() {
        byte[] json = RuntimeInfoJson.toBytes(Hosts.hetzner());
        CRC32 crc = new CRC32();
        crc.update(json);
        assertThat(InfoCodec.encode(Hosts.hetzner()).crc())
                .isEqualTo(HexFormat.of().toHexDigits((int) crc.getValue()))
                .matches("[0-9a-f]{8}");
    }

    @Test
    void theEncoderRefusesWhatTheDecoderWouldRefuseAtBoot() {
        RuntimeInfo info = Hosts.hetzner();
        for (String token : List.of("two words", "quo\"te", "back\\slash", "", "x".repeat(513))) {
            assertThatThrownBy(() -> new BootEncoder.Request(info, "", Optional.of(token), Optional.empty(), false))
                    .as(token)
                    .isInstanceOfSatisfying(
                            InvalidFieldException.class,
                            e -> assertThat(e.field()).isEqualTo("confirm"));
        }
        for (Duration deadline :
                List.of(Duration.ofSeconds(9), Duration.ofSeconds(86_401), Duration.ofMillis(30_500))) {
            assertThatThrownBy(() -> new BootEncoder.Request(info, "", Optional.empty(), Optional.of(deadline), false))
                    .as(deadline.toString())
                    .isInstanceOfSatisfying(
                            InvalidFieldException.class,
                            e -> assertThat(e.field()).isEqualTo("deadline"));
        }
        for (Duration deadline : List.of(BootParameters.MIN_DEADLINE, BootParameters.MAX_DEADLINE)) {
            BootEncoder.Encoded encoded = BootEncoder.encode(
                    new BootEncoder.Request(info, "", Optional.of("x"), Optional.of(deadline), false));
            assertThat(BootDecoder.decode(encoded.commandLine()).orThrow().deadline())
                    .isEqualTo(deadline);
        }
    }
}
