package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our newc writer and reader against GNU cpio, both ways. */
class CpioTest {
    @TempDir
    Path dir;

    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) ('a' + i);
        }
        return data;
    }

    @Test
    void gnuCpioExtractsOurArchiveWithModesAndContent() throws Exception {
        byte[] json = RuntimeInfoJson.toBytes(Hosts.hetzner());
        byte[] key = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        List<Cpio.Entry> entries = List.of(
                Cpio.Entry.directory("reinstaller", BootEncoder.DIRECTORY_MODE),
                Cpio.Entry.file("reinstaller/runtime-info.json", BootEncoder.FILE_MODE, json),
                BootEncoder.secret("reinstaller/disk-key", key));

        GnuCpio.extract(Cpio.write(entries), dir);

        Path root = dir.resolve("reinstaller");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
                .isEqualTo("rwx------");
        assertThat(Files.readAllBytes(root.resolve("runtime-info.json"))).isEqualTo(json);
        assertThat(Files.readAllBytes(root.resolve("disk-key"))).isEqualTo(key);
        for (String file : List.of("runtime-info.json", "disk-key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(file))))
                    .isEqualTo("r--------");
        }
        try (var listing = Files.list(root)) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("runtime-info.json", "disk-key");
        }
    }

    @Test
    void everyPaddingCaseExtractsExactly() throws Exception {
        List<Cpio.Entry> entries = new ArrayList<>();
        entries.add(Cpio.Entry.directory("d", 0700));
        for (int size = 0; size <= 8; size++) {
            for (int nameLength = 1; nameLength <= 5; nameLength++) {
                String name = "d/" + "n".repeat(nameLength) + size;
                entries.add(Cpio.Entry.file(name, 0400, bytes(size)));
            }
        }
        byte[] archive = Cpio.write(entries);
        assertThat(archive.length % 4).isZero();

        GnuCpio.extract(archive, dir);

        for (Cpio.Entry e : entries.subList(1, entries.size())) {
            assertThat(Files.readAllBytes(dir.resolve(e.name()))).as(e.name()).isEqualTo(e.data());
        }
        assertThat(Cpio.read(archive)).containsExactlyElementsOf(entries);
    }

    @Test
    void weReadWhatGnuCpioWrites() throws Exception {
        Files.createDirectory(dir.resolve("reinstaller"));
        List<String> names = new ArrayList<>(List.of("reinstaller"));
        for (int size = 0; size <= 8; size++) {
            String name = "reinstaller/" + "f".repeat(size + 1);
            Files.write(dir.resolve(name), bytes(size));
            Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("r--------"));
            names.add(name);
        }
        Files.setPosixFilePermissions(dir.resolve("reinstaller"), PosixFilePermissions.fromString("rwx------"));

        List<Cpio.Entry> read = Cpio.read(GnuCpio.create(dir, names));

        assertThat(read).extracting(Cpio.Entry::name).containsExactlyElementsOf(names);
        assertThat(read.getFirst().isDirectory()).isTrue();
        assertThat(read.getFirst().permissions()).isEqualTo(0700);
        for (int size = 0; size <= 8; size++) {
            Cpio.Entry e = read.get(size + 1);
            assertThat(e).isEqualTo(Cpio.Entry.file(names.get(size + 1), 0400, bytes(size)));
        }
    }

    @Test
    void padIsTheDistanceToTheNextMultipleOfFour() {
        assertThat(List.of(0, 1, 2, 3, 4, 5, 110, 111, 112, 113).stream().map(Cpio::pad))
                .containsExactly(0, 3, 2, 1, 0, 3, 2, 1, 0, 3);
    }

    @Test
    void entriesOfOurArchiveStartOnFourByteBoundaries() {
        byte[] archive = Cpio.write(List.of(
                Cpio.Entry.file("a", 0400, bytes(1)),
                Cpio.Entry.file("bb", 0400, bytes(2)),
                Cpio.Entry.file("ccc", 0400, bytes(3))));
        String text = new String(archive, StandardCharsets.US_ASCII);
        int at = 0;
        List<Integer> headers = new ArrayList<>();
        while ((at = text.indexOf(Cpio.MAGIC, at)) >= 0) {
            headers.add(at);
            at++;
        }
        // "a": header 110 + name 2 = 112, data 1 + pad 3: the next entry at 116.
        // "bb": 110 + 3 + pad 3 = 116, data 2 + pad 2: 236. "ccc": 110 + 4 + pad 2, data 3 + pad 1: 356.
        assertThat(headers).containsExactly(0, 116, 236, 356);
    }

    @Test
    void badMagicNamesTheOffset() {
        byte[] archive = Cpio.write(List.of(Cpio.Entry.file("a", 0400, bytes(5))));
        byte[] odc = archive.clone();
        odc[5] = '7';
        assertThatThrownBy(() -> Cpio.read(odc))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cpio: bad magic at offset 0 (want newc 070701)");
        byte[] second = archive.clone();
        second[120] = 'X';
        assertThatThrownBy(() -> Cpio.read(second))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset 120");
    }

    @Test
    void truncationNamesTheOffset() {
        byte[] archive = Cpio.write(List.of(Cpio.Entry.file("abc", 0400, bytes(8))));
        assertThatThrownBy(() -> Cpio.read(Arrays.copyOf(archive, 50)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cpio: truncated header at offset 0");
        assertThatThrownBy(() -> Cpio.read(Arrays.copyOf(archive, 112)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cpio: bad name size at offset 0");
        assertThatThrownBy(() -> Cpio.read(Arrays.copyOf(archive, 118)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cpio: entry abc at offset 0 runs past the end");
        assertThatThrownBy(() -> Cpio.read(Arrays.copyOf(archive, 124)))
                .as("the trailer is missing")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cpio: truncated header at offset 124");
    }

    @Test
    void nonHexFieldsAndUnsafeNamesNameTheOffset() {
        byte[] archive = Cpio.write(List.of(Cpio.Entry.file("abc", 0400, bytes(8))));
        byte[] signed = archive.clone();
        signed[54] = '+';
        assertThatThrownBy(() -> Cpio.read(signed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cpio: header field 6 at offset 0 is not hex");
        byte[] escape = Cpio.write(List.of(Cpio.Entry.file("abc", 0400, bytes(8))));
        escape[110] = '/';
        assertThatThrownBy(() -> Cpio.read(escape))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cpio: entry at offset 0: cpio.name: '/bc' must be relative");
    }

    @Test
    void mutatedArchivesAreReadOrRefusedWithAnIllegalArgument() {
        byte[] archive = Cpio.write(List.of(
                Cpio.Entry.directory("reinstaller", 0700),
                Cpio.Entry.file("reinstaller/runtime-info.json", 0400, RuntimeInfoJson.toBytes(Hosts.hetzner()))));
        SplittableRandom random = new SplittableRandom(8);
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated =
                    random.nextBoolean() ? Arrays.copyOf(archive, random.nextInt(archive.length)) : archive.clone();
            for (int n = random.nextInt(4); n > 0 && mutated.length > 0; n--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            Throwable thrown = catchThrowable(() -> Cpio.read(mutated));
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
                assertThat(thrown.getMessage()).startsWith("cpio: ").contains("offset");
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(10_000);
    }

    @Test
    void entriesNeverPrintTheirData() {
        Cpio.Entry key =
                BootEncoder.secret(BootParameters.CPIO_DISK_KEY, "hunter2hunter2".getBytes(StandardCharsets.UTF_8));
        assertThat(key.toString()).doesNotContain("hunter2").contains("reinstaller/disk-key", "100400", "14 bytes");
    }

    @Test
    void secretsLiveUnderTheReinstallerDirectory() {
        assertThatThrownBy(() -> BootEncoder.secret("etc/shadow", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reinstaller/");
        assertThatThrownBy(() -> Cpio.Entry.file("reinstaller/../etc/x", 0400, new byte[1]))
                .isInstanceOf(InvalidFieldException.class);
    }
}
