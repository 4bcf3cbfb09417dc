package dev.reinstaller.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reinstaller-agent install}. */
@Command(name = "install", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class InstallCommand implements Callable<Integer> {
    private final AgentContext context;

    @Mixin
    CommonOptions common;

    InstallCommand(AgentContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new ExitException(
                ExitCode.FAILED,
                "install is not implemented yet (" + context.paths().root() + ")");
    }
}
