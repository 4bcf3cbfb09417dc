package dev.reinstaller.protocol;

import java.net.URI;

/** Where the installer gets its runtime info from, as the kernel parameters say. */
public sealed interface InfoSource {

    /** Carried on the command line in {@code reinstaller.info}. */
    record Inline(RuntimeInfo info) implements InfoSource {}

    /**
     * In the appended cpio as {@code reinstaller/runtime-info.json}; {@code crc} is what
     * {@code reinstaller.crc} says it must hash to.
     */
    record InCpio(String crc) implements InfoSource {}

    /** Discovered in the ramdisk from the metadata service and the hardware. */
    record Metadata(URI url) implements InfoSource {}

    /** The original system's {@code runtime_info=}: no disk identity, so always confirmed by hand. */
    record Legacy(LegacyRuntimeInfo info) implements InfoSource {}
}
