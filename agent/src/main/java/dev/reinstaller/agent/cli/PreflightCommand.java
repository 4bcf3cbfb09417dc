package dev.reinstaller.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reinstaller-agent preflight}. */
@Command(name = "preflight", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class PreflightCommand implements Callable<Integer> {
    private final AgentContext context;

    @Mixin
    CommonOptions common;

    PreflightCommand(AgentContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new ExitException(
                ExitCode.FAILED,
                "preflight is not implemented yet (" + context.paths().root() + ")");
    }
}
