package dev.reinstaller.installer.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.util.Objects;

/**
 * The runtime info this run installs from, in the current format whatever format brought it, and what
 * that format implies. The params phase makes it once; no later phase asks which format it was.
 *
 * @param info the host to install and the machine and disk it must be (the original system's runtime
 *     info arrives here already completed from this machine)
 * @param origin where it came from: {@code reinstaller.info}, {@code cpio}, {@code metadata} or
 *     {@code legacy}; the install manifest records it
 * @param received the runtime info as it was received, which the install manifest records
 * @param keyCommentHost the host name in the comments of the SSH host keys: the original system's full
 *     name where it gave one
 * @param explicitConfirmation true where only a token sent after boot confirms, never one on the
 *     command line: the original system's runtime info names no disk serial or size to bind it to
 */
public record LoadedInfo(
        RuntimeInfo info, String origin, JsonNode received, String keyCommentHost, boolean explicitConfirmation) {

    public LoadedInfo {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(keyCommentHost, "keyCommentHost");
    }

    /** Runtime info that came in the current format: recorded as it came, confirmable from the command line. */
    public static LoadedInfo current(RuntimeInfo info, String origin) {
        return new LoadedInfo(info, origin, RuntimeInfoJson.toTree(info), info.hostName(), false);
    }
}
