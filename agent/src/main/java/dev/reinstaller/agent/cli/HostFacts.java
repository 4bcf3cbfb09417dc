package dev.reinstaller.agent.cli;

import dev.reinstaller.protocol.RuntimeInfo;
import java.net.URI;

/** Gathers this host's facts for the commands that need them. */
final class HostFacts {
    private HostFacts() {}

    record Gathered(RuntimeInfo info) {}

    static Gathered gather(AgentContext context, String disk, URI metadataUrl) {
        throw new ExitException(
                ExitCode.FAILED,
                "gathering facts is not available in this build; pass --info FILE ("
                        + context.paths().root() + ", " + disk + ", " + metadataUrl + ")");
    }
}
