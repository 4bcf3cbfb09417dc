package dev.reinstaller.agent.kexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.agent.testing.Fixtures;
import dev.reinstaller.protocol.BootEncoder;
import dev.reinstaller.protocol.BootParameters;
import dev.reinstaller.protocol.Cpio;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitrdImageTest {
    private static final byte[] KEY = "correct horse battery".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private static List<Cpio.Entry> entries() {
        return List.of(
                Cpio.Entry.directory(BootParameters.CPIO_DIR, BootEncoder.DIRECTORY_MODE),
                BootEncoder.secret(BootParameters.CPIO_DISK_KEY, KEY));
    }

    private static byte[] assemble(InitrdImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        image.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void anOddLengthInitrdIsZeroPaddedToFourThenTheCpioFollows() throws IOException {
        byte[] initrd = Fixtures.bytes(1001, 7);
        Path file = Files.write(dir.resolve("initrd"), initrd);

        try (InitrdImage image = InitrdImage.of(file, entries())) {
            byte[] bytes = assemble(image);

            assertThat(image.initrdBytes()).isEqualTo(1001);
            assertThat(image.appendedOffset()).isEqualTo(1004);
            assertThat(image.size()).isEqualTo(bytes.length).isEqualTo(1004 + image.appendedBytes());
            assertThat(Arrays.copyOf(bytes, 1001)).isEqualTo(initrd);
            assertThat(Arrays.copyOfRange(bytes, 1001, 1004)).containsExactly(0, 0, 0);
            assertThat(new String(bytes, 1004, 6, StandardCharsets.US_ASCII)).isEqualTo("070701");
            assertThat(Cpio.read(Arrays.copyOfRange(bytes, 1004, bytes.length))).isEqualTo(entries());
        }
    }

    @Test
    void anAlignedInitrdGetsNoPaddingAndNoEntriesAppendNothing() throws IOException {
        Path file = Files.write(dir.resolve("initrd"), Fixtures.bytes(1000, 1));

        try (InitrdImage aligned = InitrdImage.of(file, entries());
                InitrdImage plain = InitrdImage.of(file, List.of())) {
            assertThat(aligned.appendedOffset()).isEqualTo(1000);
            assertThat(plain.size()).isEqualTo(1000);
            assertThat(assemble(plain)).isEqualTo(Fixtures.bytes(1000, 1));
        }
    }

    @Test
    void gnuCpioListsTheAppendedArchive() throws IOException, InterruptedException {
        Path file = Files.write(dir.resolve("initrd"), Fixtures.bytes(333, 3));
        byte[] bytes;
        long offset;
        try (InitrdImage image = InitrdImage.of(file, entries())) {
            bytes = assemble(image);
            offset = image.appendedOffset();
        }
        Path appended =
                Files.write(dir.resolve("appended.cpio"), Arrays.copyOfRange(bytes, (int) offset, bytes.length));

        Process cpio = new ProcessBuilder("cpio", "-t", "-v")
                .redirectInput(appended.toFile())
                .redirectErrorStream(true)
                .start();
        String listing = new String(cpio.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cpio.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(cpio.exitValue()).as(listing).isZero();
        assertThat(listing).contains("reinstaller").contains("reinstaller/disk-key");
        assertThat(listing.lines()
                        .filter(l -> l.endsWith("reinstaller/disk-key"))
                        .findFirst()
                        .orElseThrow())
                .startsWith("-r--------");
    }

    @Test
    void closingWipesTheSecretsAndTheImageCannotBeWrittenAgain() throws IOException {
        Path file = Files.write(dir.resolve("initrd"), Fixtures.bytes(10, 3));
        InitrdImage image = InitrdImage.of(file, entries());
        image.close();

        assertThatThrownBy(() -> assemble(image)).isInstanceOf(IllegalStateException.class);
        assertThat(image.toString()).doesNotContain("correct horse").contains("bytes cpio");
    }

    @Test
    void anInitrdThatChangesWhileStreamingIsAnError() throws IOException {
        Path file = Files.write(dir.resolve("initrd"), Fixtures.bytes(100, 3));
        try (InitrdImage image = InitrdImage.of(file, List.of())) {
            Files.write(file, Fixtures.bytes(50, 3));

            assertThatThrownBy(() -> assemble(image))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("changed");
        }
    }

    @Test
    void aMissingInitrdNamesTheFile() {
        assertThatThrownBy(() -> InitrdImage.of(dir.resolve("nope"), List.of()))
                .isInstanceOf(KexecException.class)
                .hasMessageContaining(dir.resolve("nope").toString());
    }
}
