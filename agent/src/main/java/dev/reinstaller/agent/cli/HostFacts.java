package dev.reinstaller.agent.cli;

import dev.reinstaller.agent.facts.Facts;
import dev.reinstaller.agent.facts.FactsException;
import dev.reinstaller.agent.facts.FactsRequest;
import dev.reinstaller.agent.facts.FactsService;
import dev.reinstaller.agent.facts.Finding;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.net.URI;
import java.util.Optional;

/** Gathers this host's facts for the commands that need them; warnings go to stderr. */
final class HostFacts {
    private HostFacts() {}

    static Facts gather(AgentContext context, String disk, URI metadataUrl) {
        return gather(
                context,
                new FactsRequest(
                        Optional.ofNullable(disk),
                        Optional.ofNullable(metadataUrl),
                        FactsRequest.defaults().metadataTimeout()));
    }

    static Facts gather(AgentContext context, FactsRequest request) {
        Facts facts;
        try {
            facts = new FactsService(context.paths(), context.processes(), context.metadata(), context.clock())
                    .gather(request);
        } catch (FactsException e) {
            throw new ExitException(exitCode(e.category()), e.getMessage(), e);
        }
        for (Finding warning : facts.warnings()) {
            context.err().println("reinstaller-agent: warning: " + warning.source() + ": " + warning.message());
        }
        context.err().flush();
        return facts;
    }

    /** How a facts failure ends the process. */
    static ExitCode exitCode(FactsException.Category category) {
        return switch (category) {
            case BAD_INPUT -> ExitCode.BAD_INPUT;
            case REFUSED -> ExitCode.REFUSED;
            case REMOTE -> ExitCode.REMOTE;
            case FAILED -> ExitCode.FAILED;
        };
    }
}
