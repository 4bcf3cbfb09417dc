package dev.reinstaller.installer.inbox;

import dev.reinstaller.installer.secrets.DiskKey;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a disk key comes from when the cpio brought none: the status API ({@code POST /disk-key}) or
 * the console. Blocks until a key arrives or {@code deadline} passes.
 */
@FunctionalInterface
public interface KeySource {
    Optional<DiskKey> await(Instant deadline);
}
