package dev.reinstaller.installer.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.run.OldData;
import dev.reinstaller.installer.system.FakeClock;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.installer.system.RecordingDiskWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zeroing against a disk image file: a hook plays the kernel's BLKZEROOUT on the recorded
 * {@code blkdiscard -z -o OFFSET -l LENGTH}, so the read-back sees what a device would hold.
 */
class DiskZeroingTest {
    private static final long MIB = 1L << 20;
    private static final long SIZE = 1024 * MIB;

    @TempDir
    Path root;

    private final List<Event> events = new ArrayList<>();
    private final RecordingDiskWriter disk = new RecordingDiskWriter();

    private static final int SPOT = 4096;

    /** Where the old system's data is: every 64 MiB, and the last block. */
    private final List<Long> spots = new ArrayList<>();

    private Path image() throws IOException {
        Files.createDirectories(root.resolve("dev"));
        Path image = root.resolve("dev/sdb");
        for (long offset = 0; offset < SIZE; offset += 64 * MIB) {
            spots.add(offset);
        }
        spots.add(SIZE - SPOT);
        byte[] old = "old system data ".repeat(SPOT / 16).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(SIZE);
            for (long spot : spots) {
                file.seek(spot);
                file.write(old);
            }
        }
        return image;
    }

    /**
     * Plays the kernel: zeroes the old data inside each {@code blkdiscard -z -o OFFSET -l LENGTH} (the
     * rest of the sparse image reads as zeros already), except in {@code [skipFrom, skipTo)}.
     */
    private void kernelZeroes(Path image, long skipFrom, long skipTo) {
        disk.onCommand("blkdiscard", argv -> {
            long offset = Long.parseLong(argv.get(argv.indexOf("-o") + 1));
            long length = Long.parseLong(argv.get(argv.indexOf("-l") + 1));
            try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
                for (long spot : spots) {
                    if (spot >= offset && spot < offset + length && (spot < skipFrom || spot >= skipTo)) {
                        file.seek(spot);
                        file.write(new byte[SPOT]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private boolean zeroAtEverySpot(Path image) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "r")) {
            byte[] block = new byte[SPOT];
            for (long spot : spots) {
                file.seek(spot);
                file.readFully(block);
                for (byte b : block) {
                    if (b != 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private DiskZeroing zeroing() {
        return new DiskZeroing(new InstallerPaths(root), events::add, new FakeClock(), disk, new Random(7));
    }

    @Test
    void zeroesTheWholeDiskInChunksReportsProgressAndReadsItBack() throws IOException {
        Path image = image();
        kernelZeroes(image, -1, -1);

        OldData report = zeroing().zero("sdb", SIZE);

        assertThat(disk.commandLines())
                .containsExactly(
                        "blkdiscard -z -o 0 -l 268435456 /dev/sdb",
                        "blkdiscard -z -o 268435456 -l 268435456 /dev/sdb",
                        "blkdiscard -z -o 536870912 -l 268435456 /dev/sdb",
                        "blkdiscard -z -o 805306368 -l 268435456 /dev/sdb");
        assertThat(events)
                .filteredOn(Event.Progress.class::isInstance)
                .extracting(e -> ((Event.Progress) e).done())
                .containsExactly(256 * MIB, 512 * MIB, 768 * MIB, SIZE);
        assertThat(report.method()).isEqualTo("zero");
        assertThat(report.bytes()).isEqualTo(SIZE);
        assertThat(report.samplesReadBack()).isGreaterThan(2 * 256);
        assertThat(zeroAtEverySpot(image)).as("no old data is left").isTrue();
    }

    @Test
    void dataLeftAnywhereTheReadBackLooksStopsTheInstall() throws IOException {
        Path image = image();
        kernelZeroes(image, 0, MIB);

        assertThatThrownBy(() -> zeroing().zero("sdb", SIZE))
                .isInstanceOfSatisfying(
                        InstallerException.class,
                        e -> assertThat(e.category()).isEqualTo(InstallerException.Category.PERMANENT))
                .hasMessageContaining("/dev/sdb still holds data at byte 0 after blkdiscard -z");
    }

    @Test
    void dataLeftInTheMiddleIsFoundByTheEvenlySpreadSamples() throws IOException {
        Path image = image();
        kernelZeroes(image, 512 * MIB, 513 * MIB);

        assertThatThrownBy(() -> zeroing().zero("sdb", SIZE))
                .hasMessageContaining("still holds data at byte " + 512 * MIB);
    }

    @Test
    void aFailedZeroOutStopsBeforeAnythingIsPartitioned() throws IOException {
        image();
        disk.fail(List.of("blkdiscard", "-z", "-o", "268435456", "-l", "268435456", "/dev/sdb"), 1);

        assertThatThrownBy(() -> zeroing().zero("sdb", SIZE)).hasMessageContaining("blkdiscard -z -o 268435456");
        assertThat(disk.commandLines()).hasSize(2);
    }

    @Test
    void chunksAreSixteenthsInWholeMibAndAtLeastAQuarterGib() {
        assertThat(DiskZeroing.chunkBytes(3L << 30)).isEqualTo(256 * MIB);
        assertThat(DiskZeroing.chunkBytes(160_000_000_000L)).isEqualTo(9537 * MIB);
        assertThat(DiskZeroing.chunkBytes(160_000_000_000L) % MIB).isZero();
    }

    @Test
    void eachChunkMayTakeWhatTheSlowestDeviceNeedsPlusSlack() {
        assertThat(DiskZeroing.timeout(10 * MIB)).isEqualTo(Duration.ofSeconds(61));
        assertThat(DiskZeroing.timeout(9537 * MIB)).isEqualTo(Duration.ofSeconds(60 + 954));
    }

    @Test
    void samplesCoverBothEdgesAndStayInsideTheDisk() {
        List<Long> offsets = zeroing().sampleOffsets(SIZE);
        assertThat(offsets).contains(0L, SIZE - 4096, MIB - 4096, SIZE - MIB);
        assertThat(offsets).allSatisfy(o -> assertThat(o).isBetween(0L, SIZE - 4096));
        assertThat(offsets).isSorted().doesNotHaveDuplicates();
        assertThat(offsets.stream().filter(o -> o > MIB && o < SIZE - MIB).count())
                .as("evenly spread and random blocks between the edges")
                .isGreaterThan(DiskZeroing.SAMPLES / 2L);
    }
}
