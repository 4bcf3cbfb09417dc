package dev.reinstaller.agent.cli;

import dev.reinstaller.agent.facts.Facts;
import dev.reinstaller.agent.facts.FactsReport;
import dev.reinstaller.agent.facts.FactsRequest;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reinstaller-agent facts}: prints what the new system will be told about this host. */
@Command(
        name = "facts",
        mixinStandardHelpOptions = true,
        description = {
            "Gathers this host's runtime info (machine, disk, NICs, routes, keys, resolvers) without changing"
                    + " anything.",
            "The target disk is the one behind / unless --disk names another. On Hetzner hardware, or with"
                    + " --metadata-url, the metadata service is asked too and compared with the host."
        })
final class FactsCommand implements Callable<Integer> {
    private final AgentContext context;

    @Mixin
    CommonOptions common;

    @Option(
            names = "--disk",
            paramLabel = "DEV",
            description =
                    "The disk to reinstall: /dev/sda, sda or a /dev/disk/by-id/ path (required where / is in RAM).")
    String disk;

    @Option(
            names = "--metadata-url",
            paramLabel = "URL",
            description =
                    "Ask this metadata service (default on Hetzner: http://169.254.169.254/hetzner/v1/metadata); failing is an error.")
    URI metadataUrl;

    @Option(
            names = "--metadata-timeout",
            paramLabel = "SECONDS",
            defaultValue = "2",
            description = "Budget for all metadata requests together (default: ${DEFAULT-VALUE} s).")
    double metadataTimeoutSeconds;

    FactsCommand(AgentContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Facts facts = HostFacts.gather(context, request());
        context.out().print(common.json() ? FactsReport.json(facts) : FactsReport.text(facts));
        context.out().flush();
        return ExitCode.OK.code();
    }

    private FactsRequest request() {
        if (metadataUrl != null
                && (metadataUrl.getHost() == null
                        || !("http".equals(metadataUrl.getScheme()) || "https".equals(metadataUrl.getScheme())))) {
            throw new ExitException(ExitCode.USAGE, "--metadata-url " + metadataUrl + " is not an http(s) URL");
        }
        if (!(metadataTimeoutSeconds > 0 && metadataTimeoutSeconds <= 60)) {
            throw new ExitException(
                    ExitCode.USAGE,
                    "--metadata-timeout must be between 0 and 60 seconds, got " + metadataTimeoutSeconds);
        }
        return new FactsRequest(
                Optional.ofNullable(disk),
                Optional.ofNullable(metadataUrl),
                Duration.ofMillis(Math.max(1, Math.round(metadataTimeoutSeconds * 1000))));
    }
}
