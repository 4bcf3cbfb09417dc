package dev.reinstaller.installer.run;

import dev.reinstaller.protocol.LegacyRuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfo;

/** The runtime info the params phase loaded, and from where. */
public sealed interface LoadedInfo {

    /**
     * Current runtime info.
     *
     * @param origin where it came from: {@code reinstaller.info}, {@code cpio} or {@code metadata}
     */
    record Current(RuntimeInfo info, String origin) implements LoadedInfo {}

    /**
     * The original system's runtime info: it names no disk serial or size, so the confirm phase always
     * needs an explicit confirmation for it.
     */
    record Legacy(LegacyRuntimeInfo info) implements LoadedInfo {}
}
