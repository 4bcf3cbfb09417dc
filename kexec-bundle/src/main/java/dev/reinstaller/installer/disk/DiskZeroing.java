package dev.reinstaller.installer.disk;

import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.run.OldData;
import dev.reinstaller.installer.system.Clock;
import dev.reinstaller.installer.system.DiskWriter;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Zeroes the whole confirmed disk with the kernel's zero-out ({@code blkdiscard -z}, the BLKZEROOUT
 * ioctl), then reads samples back. BLKZEROOUT guarantees zeroes: the kernel uses the device's
 * write-zeroes or unmap where that reads back as zeroes, and writes zero pages where not. A plain
 * discard is never trusted to read back zeroes ({@code discard_zeroes_data} has said 0 since Linux
 * 4.12), so it is not used.
 *
 * <p>The disk goes in chunks of about a sixteenth, each its own command with a deadline for the
 * slowest plausible device ({@link #SLOWEST_BYTES_PER_SECOND}), with a progress event after each.
 * The read-back takes the first and last MiB and {@link #SAMPLES} blocks of 4 KiB, spread evenly and
 * at random offsets; any non-zero byte stops the install: the device did not do what it promised.
 */
record DiskZeroing(InstallerPaths paths, Events events, Clock clock, DiskWriter disk, Random random) {
    static final long MIB = 1L << 20;
    static final long MIN_CHUNK = 256 * MIB;
    static final long SLOWEST_BYTES_PER_SECOND = 10 * MIB;
    static final Duration CHUNK_SLACK = Duration.ofSeconds(60);
    static final int SAMPLES = 128;
    static final int SAMPLE_BYTES = 4096;

    DiskZeroing(InstallerPaths paths, Events events, Clock clock, DiskWriter disk) {
        this(paths, events, clock, disk, new SecureRandom());
    }

    /** Zeroes {@code /dev/<name>} of {@code sizeBytes} and reads it back; throws when it is not zero. */
    OldData zero(String name, long sizeBytes) {
        String device = "/dev/" + name;
        Instant began = clock.now();
        long chunk = chunkBytes(sizeBytes);
        events.log(
                Phase.PARTITION,
                "zeroing " + device + " (" + gib(sizeBytes) + ") with blkdiscard -z, so nothing of the old system"
                        + " stays readable");
        for (long offset = 0; offset < sizeBytes; offset += chunk) {
            long length = Math.min(chunk, sizeBytes - offset);
            disk.run(
                            List.of(
                                    "blkdiscard",
                                    "-z",
                                    "-o",
                                    Long.toString(offset),
                                    "-l",
                                    Long.toString(length),
                                    device),
                            timeout(length))
                    .orThrow();
            events.emit(new Event.Progress(Phase.PARTITION, "zero", offset + length, sizeBytes));
        }
        int samples = readBack(device, sizeBytes);
        long millis = Duration.between(began, clock.now()).toMillis();
        events.log(
                Phase.PARTITION,
                "zeroed " + device + " (" + gib(sizeBytes) + ") in " + seconds(millis) + "; " + samples
                        + " samples read back as zeros");
        return new OldData("zero", sizeBytes, millis, samples);
    }

    /** About a sixteenth of the disk, a whole number of MiB, at least {@link #MIN_CHUNK}. */
    static long chunkBytes(long sizeBytes) {
        long sixteenth = (sizeBytes / 16 + MIB - 1) / MIB * MIB;
        return Math.max(MIN_CHUNK, sixteenth);
    }

    /** What a chunk of {@code length} bytes may take on the slowest device we expect, plus slack. */
    static Duration timeout(long length) {
        return CHUNK_SLACK.plusSeconds((length + SLOWEST_BYTES_PER_SECOND - 1) / SLOWEST_BYTES_PER_SECOND);
    }

    /** The offsets read back: the first and last MiB in blocks, then evenly spread and random blocks. */
    List<Long> sampleOffsets(long sizeBytes) {
        List<Long> offsets = new ArrayList<>();
        long blocks = sizeBytes / SAMPLE_BYTES;
        long edge = Math.min(MIB, sizeBytes) / SAMPLE_BYTES;
        for (long b = 0; b < edge; b++) {
            offsets.add(b * SAMPLE_BYTES);
            offsets.add((blocks - 1 - b) * SAMPLE_BYTES);
        }
        for (int i = 0; i < SAMPLES / 2; i++) {
            offsets.add(blocks * i / (SAMPLES / 2) * SAMPLE_BYTES);
            offsets.add(Math.floorMod(random.nextLong(), blocks) * SAMPLE_BYTES);
        }
        return offsets.stream().distinct().sorted().toList();
    }

    private int readBack(String device, long sizeBytes) {
        List<Long> offsets = sampleOffsets(sizeBytes);
        ByteBuffer block = ByteBuffer.allocate(SAMPLE_BYTES);
        try (FileChannel channel = FileChannel.open(paths.resolve(device), StandardOpenOption.READ)) {
            for (long offset : offsets) {
                block.clear();
                int read = 0;
                while (block.hasRemaining() && read >= 0) {
                    read = channel.read(block, offset + block.position());
                }
                for (int i = 0; i < block.position(); i++) {
                    if (block.get(i) != 0) {
                        throw InstallerException.permanent("disk " + device + " still holds data at byte "
                                + (offset + i) + " after blkdiscard -z: the device did not zero it");
                    }
                }
            }
        } catch (IOException e) {
            throw new InstallerException(
                    InstallerException.Category.PERMANENT,
                    "cannot read " + device + " back after zeroing it: " + e.getMessage(),
                    e);
        }
        return offsets.size();
    }

    static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
