package dev.reinstaller.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reinstaller-agent grub}. */
@Command(name = "grub", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class GrubCommand implements Callable<Integer> {
    private final AgentContext context;

    @Mixin
    CommonOptions common;

    GrubCommand(AgentContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new ExitException(
                ExitCode.FAILED,
                "grub is not implemented yet (" + context.paths().root() + ")");
    }
}
