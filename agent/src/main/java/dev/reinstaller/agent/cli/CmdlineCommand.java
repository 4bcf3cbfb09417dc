package dev.reinstaller.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reinstaller-agent cmdline}. */
@Command(name = "cmdline", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class CmdlineCommand implements Callable<Integer> {
    private final AgentContext context;

    @Mixin
    CommonOptions common;

    CmdlineCommand(AgentContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new ExitException(
                ExitCode.FAILED,
                "cmdline is not implemented yet (" + context.paths().root() + ")");
    }
}
