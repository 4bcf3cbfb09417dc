package dev.reinstaller.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reinstaller-agent facts}. */
@Command(name = "facts", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class FactsCommand implements Callable<Integer> {
    private final AgentContext context;

    @Mixin
    CommonOptions common;

    FactsCommand(AgentContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new ExitException(
                ExitCode.FAILED,
                "facts is not implemented yet (" + context.paths().root() + ")");
    }
}
