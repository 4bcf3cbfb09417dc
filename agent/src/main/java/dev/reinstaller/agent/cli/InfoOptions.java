package dev.reinstaller.agent.cli;

import dev.reinstaller.protocol.BoundedInput;
import dev.reinstaller.protocol.Result;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command gets runtime info: a JSON file, or this host's facts. */
final class InfoOptions {
    @Option(
            names = "--info",
            paramLabel = "FILE",
            description =
                    "Runtime info JSON (as `facts --json` prints under runtimeInfo) instead of this host's facts.")
    Path infoFile;

    @Option(names = "--disk", paramLabel = "DEV", description = "Target disk (default: the disk behind /).")
    String disk;

    @Option(
            names = "--metadata-url",
            paramLabel = "URL",
            description = "Metadata service to ask (default: Hetzner's, only on Hetzner hardware).")
    URI metadataUrl;

    RuntimeInfo resolve(AgentContext context) {
        if (infoFile != null) {
            return switch (RuntimeInfoJson.read(
                    Cli.read("--info", infoFile, BoundedInput.JSON_CAP), infoFile.toString())) {
                case Result.Ok<RuntimeInfo> ok -> ok.value();
                case Result.Error<RuntimeInfo> error -> throw Cli.badInput(error.error());
            };
        }
        return HostFacts.gather(context, disk, metadataUrl).info();
    }
}
